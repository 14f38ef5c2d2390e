import type postgres from "postgres";
import { SCHEMA, type Tx } from "./db";
import type { RunStatus } from "./types";

/**
 * What a host may read of the engine's runs, the only queries of the engine's tables made outside it. The host
 * passes its own connection (it may share the engine's database without its search_path), so every table is named
 * with its schema, timestamps are read whether its driver returns them as dates or as text, and parameters are
 * sent as text and cast in SQL, since a host's driver may serialize typed parameters its own way (or not at all).
 */

export type { RunStatus };
export const runStatuses: readonly RunStatus[] = ["Running", "Completed", "Failed", "Cancelled"];

export type RunError = { name?: string; message?: string } | null;

export type RunSummary = {
  id: string;
  functionId: string;
  status: RunStatus;
  event: { name: string; data: Record<string, unknown> };
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  error: RunError;
};

export type RunStep = {
  stepId: string;
  name: string | null;
  kind: string;
  status: string;
  attempts: number;
  error: RunError;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
};

export type RunAttempt = {
  stepId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  httpStatus: number | null;
  outcome: string;
  error: RunError;
};

export type RunFilter = {
  status?: RunStatus | undefined;
  /** Leaves out completed runs whose output contains this JSON (`@>`): a host's own mark for runs not worth listing. */
  hideCompletedWithOutput?: Record<string, unknown> | undefined;
  /** The `next` of the page before. */
  after?: string | undefined;
  limit?: number | undefined;
};

export type RunPage = { runs: RunSummary[]; next: string | null };

type Timestamp = Date | string;

type RunRow = {
  id: string;
  /** started_at as Postgres prints it: microseconds kept, so a cursor never skips or repeats a run. */
  cursor_ts: string;
  function_id: string;
  status: RunStatus;
  event_name: string;
  event_data: Record<string, unknown> | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  error: RunError;
};

const table = (tx: Tx, name: string) => tx(`${SCHEMA}.${name}`);

/** False where the engine never ran on this database (the app's workflows run on Inngest Cloud). */
export async function hasEngineTables(tx: Tx): Promise<boolean> {
  const [row] = await tx<{ present: boolean }[]>`select to_regclass(${`${SCHEMA}.runs`}::text) is not null as present`;
  return row?.present === true;
}

function toSummary(row: RunRow): RunSummary {
  const startedAt = new Date(row.started_at);
  const endedAt = row.ended_at ? new Date(row.ended_at) : null;
  return {
    id: row.id,
    functionId: row.function_id,
    status: row.status,
    event: { name: row.event_name, data: row.event_data ?? {} },
    startedAt,
    endedAt,
    durationMs: endedAt ? endedAt.getTime() - startedAt.getTime() : null,
    error: row.error,
  };
}

function selectRuns(tx: Tx, where: postgres.PendingQuery<postgres.Row[]>, limit: number) {
  return tx<RunRow[]>`
    select id, started_at::text as cursor_ts, function_id, status, event->>'name' as event_name, event->'data' as event_data,
           started_at, ended_at, error
    from ${table(tx, "runs")}
    where ${where}
    order by started_at desc, id desc
    limit ${limit}`;
}

/** Newest first, keyset-paginated by (started_at, id) so deep pages stay as fast as the first. */
export async function listRuns(tx: Tx, filter: RunFilter = {}): Promise<RunPage> {
  const limit = filter.limit ?? 50;
  const cursor = filter.after ? decodeCursor(filter.after) : null;
  const hidden = filter.hideCompletedWithOutput;
  const rows = await selectRuns(
    tx,
    tx`true
      ${filter.status ? tx`and status = ${filter.status}` : tx``}
      ${hidden ? tx`and not (status = 'Completed' and coalesce(output @> ${JSON.stringify(hidden)}::text::jsonb, false))` : tx``}
      ${cursor ? tx`and (started_at, id) < (${cursor.startedAt}::text::timestamptz, ${cursor.id})` : tx``}`,
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    runs: page.map(toSummary),
    next: rows.length > limit && last ? encodeCursor(last.cursor_ts, last.id) : null,
  };
}

export async function readRun(tx: Tx, id: string): Promise<RunSummary | undefined> {
  const [row] = await selectRuns(tx, tx`id = ${id}`, 1);
  return row ? toSummary(row) : undefined;
}

/** In the order the run took them; steps it has not reached yet (no position) last. */
export async function listRunSteps(tx: Tx, runId: string): Promise<RunStep[]> {
  const rows = await tx<
    {
      step_id: string;
      name: string | null;
      kind: string;
      status: string;
      attempts: number;
      error: RunError;
      started_at: Timestamp;
      ended_at: Timestamp | null;
      /** bigint (a sleep or a wait can outlast 2^31 ms), which the driver returns as text. */
      duration_ms: string | null;
    }[]
  >`
    select step_id, name, kind, status, attempts, error, started_at, ended_at, duration_ms
    from ${table(tx, "run_steps")} where run_id = ${runId}
    order by coalesce(position, 2147483647), started_at`;
  return rows.map((r) => ({
    stepId: r.step_id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    error: r.error,
    startedAt: new Date(r.started_at),
    endedAt: r.ended_at ? new Date(r.ended_at) : null,
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
  }));
}

/** Every call the engine made to the app for this run, in the order it made them. */
export async function listRunAttempts(tx: Tx, runId: string): Promise<RunAttempt[]> {
  const rows = await tx<
    {
      step_id: string;
      attempt: number;
      started_at: Timestamp;
      duration_ms: number;
      http_status: number | null;
      outcome: string;
      error: RunError;
    }[]
  >`
    select step_id, attempt, started_at, duration_ms, http_status, outcome, error
    from ${table(tx, "attempts")} where run_id = ${runId} order by id`;
  return rows.map((r) => ({
    stepId: r.step_id,
    attempt: r.attempt,
    startedAt: new Date(r.started_at),
    durationMs: r.duration_ms,
    httpStatus: r.http_status,
    outcome: r.outcome,
    error: r.error,
  }));
}

function encodeCursor(startedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([startedAt, id])).toString("base64url");
}

function decodeCursor(cursor: string): { startedAt: string; id: string } | null {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    return typeof startedAt === "string" &&
      typeof id === "string" &&
      /^\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?$/.test(startedAt)
      ? { startedAt, id }
      : null;
  } catch {
    return null;
  }
}
