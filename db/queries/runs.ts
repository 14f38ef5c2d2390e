import { sql } from "drizzle-orm";
import { db, type Executor } from "../index";

/**
 * The embedded engine's runs, read straight from its own tables (schema inngest_engine). Keel never writes
 * them; when Keel runs on Inngest Cloud they do not exist and these reads say so.
 */

export type RunStatus = "Running" | "Completed" | "Failed" | "Cancelled";
export const runStatuses: RunStatus[] = ["Running", "Completed", "Failed", "Cancelled"];

export type RunSummary = {
  id: string;
  functionId: string;
  status: RunStatus;
  eventName: string;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  error: { name?: string; message?: string } | null;
};

export type RunStep = {
  stepId: string;
  name: string | null;
  kind: string;
  status: string;
  attempts: number;
  error: { name?: string; message?: string } | null;
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
  error: { name?: string; message?: string } | null;
};

export async function engineTablesExist(tx: Executor = db()): Promise<boolean> {
  const rows = await tx.execute<{ present: boolean }>(sql`select to_regclass('inngest_engine.runs') is not null as present`);
  return rows[0]?.present === true;
}

type RunRow = {
  id: string;
  /** started_at as Postgres prints it: microseconds kept, so a cursor never skips or repeats a run. */
  cursor_ts: string;
  function_id: string;
  status: RunStatus;
  event_name: string;
  started_at: Date;
  ended_at: Date | null;
  error: RunSummary["error"];
};

function toSummary(row: RunRow): RunSummary {
  const startedAt = new Date(row.started_at);
  const endedAt = row.ended_at ? new Date(row.ended_at) : null;
  return {
    id: row.id,
    functionId: row.function_id,
    status: row.status,
    eventName: row.event_name,
    startedAt,
    endedAt,
    durationMs: endedAt ? endedAt.getTime() - startedAt.getTime() : null,
    error: row.error,
  };
}

export type RunPage = { runs: RunSummary[]; next: string | null };

/** Newest first, keyset-paginated by (started_at, id) so deep pages stay as fast as the first. */
export async function listRuns(
  options: { status?: RunStatus | undefined; after?: string | undefined; limit?: number },
  tx: Executor = db(),
): Promise<RunPage> {
  const limit = options.limit ?? 50;
  const cursor = options.after ? decodeCursor(options.after) : null;
  const rows = await tx.execute<RunRow>(sql`
    select id, started_at::text as cursor_ts, function_id, status, event->>'name' as event_name, started_at, ended_at, error
    from inngest_engine.runs
    where true
      ${options.status ? sql`and status = ${options.status}` : sql``}
      ${cursor ? sql`and (started_at, id) < (${cursor.startedAt}::timestamptz, ${cursor.id})` : sql``}
    order by started_at desc, id desc
    limit ${limit + 1}`);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { runs: page.map(toSummary), next: rows.length > limit && last ? encodeCursor(last.cursor_ts, last.id) : null };
}

export async function getRunById(id: string, tx: Executor = db()): Promise<RunSummary | undefined> {
  const rows = await tx.execute<RunRow>(sql`
    select id, started_at::text as cursor_ts, function_id, status, event->>'name' as event_name, started_at, ended_at, error
    from inngest_engine.runs where id = ${id}`);
  return rows[0] ? toSummary(rows[0]) : undefined;
}

export async function listRunSteps(runId: string, tx: Executor = db()): Promise<RunStep[]> {
  const rows = await tx.execute<{
    step_id: string;
    name: string | null;
    kind: string;
    status: string;
    attempts: number;
    error: RunStep["error"];
    started_at: Date;
    ended_at: Date | null;
    /** bigint (a sleep or a wait can outlast 2^31 ms), which the driver returns as text. */
    duration_ms: string | null;
  }>(sql`
    select step_id, name, kind, status, attempts, error, started_at, ended_at, duration_ms
    from inngest_engine.run_steps where run_id = ${runId}
    order by coalesce(position, 2147483647), started_at`);
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

export async function listRunAttempts(runId: string, tx: Executor = db()): Promise<RunAttempt[]> {
  const rows = await tx.execute<{
    step_id: string;
    attempt: number;
    started_at: Date;
    duration_ms: number;
    http_status: number | null;
    outcome: string;
    error: RunAttempt["error"];
  }>(sql`
    select step_id, attempt, started_at, duration_ms, http_status, outcome, error
    from inngest_engine.attempts where run_id = ${runId} order by id`);
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
    return typeof startedAt === "string" && typeof id === "string" && /^\d{4}-\d{2}-\d{2} [\d:.]+[+-]\d{2}(:\d{2})?$/.test(startedAt)
      ? { startedAt, id }
      : null;
  } catch {
    return null;
  }
}
