import type postgres from "postgres";

/** Where a run alone's answers spend their time inside PostgreSQL, per step. */
export type PgSplit = {
  /** `answer_call` (the usual answer's one statement), its own time in PostgreSQL per call it ran. */
  answerMs: number;
  answerCalls: number;
  /** WAL flushes by client backends (each synced commit that was not shared), and their average time. */
  flushes: number;
  flushMs: number;
};

/**
 * Turns on PostgreSQL's own timers for the engine's sessions: per-function times and WAL I/O times. Only on the
 * benchmark's embedded PostgreSQL (a database of its own), never on one it was pointed at.
 */
export async function enablePgTimers(sql: postgres.Sql): Promise<void> {
  const [row] = await sql<{ db: string }[]>`select current_database() as db`;
  const db = sql(row?.db ?? "");
  await sql`alter database ${db} set track_functions = 'pl'`;
  await sql`alter database ${db} set track_wal_io_timing = on`;
}

type Counters = { calls: number; selfMs: number; fsyncs: number; fsyncMs: number };

// A session reports its counters at a transaction's end at most once a second, and an idle one after 10 s.
const REPORTED_WITHIN_MS = 11_000;

async function counters(sql: postgres.Sql): Promise<Counters> {
  await new Promise((r) => setTimeout(r, REPORTED_WITHIN_MS));
  const [fn] = await sql<{ calls: number; self_ms: number }[]>`
    select coalesce(sum(calls), 0)::int as calls, coalesce(sum(self_time), 0)::float8 as self_ms
    from pg_stat_user_functions where schemaname = 'inngest_engine' and funcname = 'answer_call'`;
  const [wal] = await sql<{ fsyncs: number; fsync_ms: number }[]>`
    select coalesce(sum(fsyncs), 0)::int as fsyncs, coalesce(sum(fsync_time), 0)::float8 as fsync_ms
    from pg_stat_io where object = 'wal' and backend_type = 'client backend'`;
  return { calls: fn?.calls ?? 0, selfMs: fn?.self_ms ?? 0, fsyncs: wal?.fsyncs ?? 0, fsyncMs: wal?.fsync_ms ?? 0 };
}

/** Counts from now; the reader returns what PostgreSQL counted since (it waits for every session to report). */
export async function pgSplitMeter(sql: postgres.Sql): Promise<() => Promise<PgSplit>> {
  const from = await counters(sql);
  return async () => {
    const to = await counters(sql);
    const answerCalls = to.calls - from.calls;
    const flushes = to.fsyncs - from.fsyncs;
    return {
      answerMs: answerCalls > 0 ? (to.selfMs - from.selfMs) / answerCalls : NaN,
      answerCalls,
      flushes,
      flushMs: flushes > 0 ? (to.fsyncMs - from.fsyncMs) / flushes : NaN,
    };
  };
}
