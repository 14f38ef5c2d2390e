import type postgres from "postgres";
import { statement, transaction, type Tx } from "./db";
import type { JobRow } from "./types";

/**
 * Direct dispatch: a call due now, queued by a transaction of this engine, is leased to this engine in the same
 * insert and run as soon as that transaction commits, instead of being announced with NOTIFY and claimed by a
 * second write. Crash safety is a claimed job's: the lease is in the committed row, and if this engine dies before
 * or during the call, the lease lapses and any engine claims the job again.
 */
export type Dispatcher = {
  owner: string;
  leaseMs: number;
  /** Takes one of the worker's free places for a job a transaction is about to queue; false when none is free. */
  reserve: () => boolean;
  /** Gives back places a transaction reserved and did not commit (or queued nothing into). */
  release: (count: number) => void;
  /** Runs jobs whose leases a committed transaction took, in the places it reserved and has just given back. */
  adopt: (jobs: JobRow[]) => void;
};

type Attempt = { dispatcher: Dispatcher; reserved: number; leased: JobRow[] };

const attempts = new WeakMap<Tx, Attempt>();

/** A place in this engine's worker, taken for a call `tx` queues due now: the call is leased to `owner`. */
export type Place = { owner: string; leaseMs: number; hand: (job: JobRow) => void };

/**
 * Takes a place for a call the dispatching transaction `tx` is about to queue due now; undefined outside one or
 * with no place free. A place the call does not take (its insert found the job already queued) is given back with
 * the others when the transaction ends.
 */
export function reservePlace(tx: Tx): Place | undefined {
  const attempt = attempts.get(tx);
  if (!attempt?.dispatcher.reserve()) return undefined;
  attempt.reserved += 1;
  const { owner, leaseMs } = attempt.dispatcher;
  return { owner, leaseMs, hand: (job) => attempt.leased.push(job) };
}

/**
 * `statement`, given a place in this engine's worker for the call it may queue due now, leased to this engine; the
 * call starts in it once the statement has committed. Without a dispatcher or a free place, it gets none.
 */
export async function dispatchingStatement<T>(
  sql: postgres.Sql,
  dispatcher: Dispatcher | undefined,
  body: (sql: postgres.Sql, place: Place | undefined) => Promise<T>,
  deadlineMs?: number,
): Promise<T> {
  const reserved = dispatcher?.reserve() === true;
  const leased: JobRow[] = [];
  const place =
    dispatcher && reserved
      ? { owner: dispatcher.owner, leaseMs: dispatcher.leaseMs, hand: (job: JobRow) => leased.push(job) }
      : undefined;
  try {
    return await statement(sql, (s) => body(s, place), deadlineMs);
  } finally {
    // As in dispatchingTransaction: the place is given back and taken by the leased call with nothing between.
    if (dispatcher && reserved) dispatcher.release(1);
    if (dispatcher && leased.length > 0) dispatcher.adopt(leased);
  }
}

/**
 * `transaction`, with the calls it queues due now leased to this engine and run once it commits. Each retry of the
 * body is an attempt of its own: only the one that committed hands its jobs over, the others give their places back.
 */
export async function dispatchingTransaction<T>(
  sql: postgres.Sql,
  dispatcher: Dispatcher | undefined,
  body: (tx: postgres.TransactionSql) => Promise<T>,
  deadlineMs?: number,
): Promise<T> {
  if (!dispatcher) return transaction(sql, body, deadlineMs);
  const tried: Attempt[] = [];
  let result: T;
  try {
    result = await transaction(
      sql,
      (tx) => {
        const attempt: Attempt = { dispatcher, reserved: 0, leased: [] };
        tried.push(attempt);
        attempts.set(tx, attempt);
        return body(tx);
      },
      deadlineMs,
    );
  } finally {
    // Synchronous up to `adopt`: no other transaction can take a place between this and the jobs starting in it.
    for (const attempt of tried) dispatcher.release(attempt.reserved);
  }
  const leased = tried.at(-1)?.leased ?? [];
  if (leased.length > 0) dispatcher.adopt(leased);
  return result;
}
