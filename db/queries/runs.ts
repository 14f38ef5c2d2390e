import { sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "../index";
import { documents } from "../schema";

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
  /** The document the run works on (process-document and its failure handler); its name when Keel still has it. */
  document: { id: string; filename: string | null } | null;
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
  document_id: string | null;
  document_filename: string | null;
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
    document: row.document_id ? { id: row.document_id, filename: row.document_filename } : null,
  };
}

/**
 * A run that finished having done nothing: its function says so with `idle: true` in its output (Keel's crons that
 * look every minute and mostly find nothing). Inngest starts a run on every cron tick whatever it will find, and a
 * cron trigger takes no `if`, so the run cannot be skipped; the Runs view hides these unless asked.
 */
const isIdle = sql`(status = 'Completed' and output @> '{"idle": true}'::jsonb)`;

/** keel/document.received carries the document id; inngest/function.failed carries that event inside its own. */
const documentIdText = sql`coalesce(event->'data'->>'documentId', event->'data'->'event'->'data'->>'documentId')`;

/**
 * The runs `where` selects, newest first, each with the document it works on. The id is checked before the cast
 * (event data is the sender's), and the join goes by primary key, once per listed run.
 */
function selectRuns(where: SQL, limit: number): SQL {
  return sql`
    with listed as (
      select id, started_at::text as cursor_ts, function_id, status, event->>'name' as event_name, started_at, ended_at,
             error,
             case when ${documentIdText} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                  then (${documentIdText})::uuid end as document_id
      from inngest_engine.runs
      where ${where}
      order by started_at desc, id desc
      limit ${limit}
    )
    select listed.*, d.filename as document_filename
    from listed left join ${documents} d on d.id = listed.document_id
    order by listed.started_at desc, listed.id desc`;
}

export type RunPage = { runs: RunSummary[]; next: string | null };

export type RunFilter = {
  status?: RunStatus | undefined;
  /** Idle runs (see isIdle) are left out unless this is set. */
  showIdle?: boolean | undefined;
  after?: string | undefined;
  limit?: number;
};

/** Newest first, keyset-paginated by (started_at, id) so deep pages stay as fast as the first. */
export async function listRuns(options: RunFilter, tx: Executor = db()): Promise<RunPage> {
  const limit = options.limit ?? 50;
  const cursor = options.after ? decodeCursor(options.after) : null;
  const rows = await tx.execute<RunRow>(
    selectRuns(
      sql`true
        ${options.status ? sql`and status = ${options.status}` : sql``}
        ${options.showIdle ? sql`` : sql`and not ${isIdle}`}
        ${cursor ? sql`and (started_at, id) < (${cursor.startedAt}::timestamptz, ${cursor.id})` : sql``}`,
      limit + 1,
    ),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { runs: page.map(toSummary), next: rows.length > limit && last ? encodeCursor(last.cursor_ts, last.id) : null };
}

export async function getRunById(id: string, tx: Executor = db()): Promise<RunSummary | undefined> {
  const rows = await tx.execute<RunRow>(selectRuns(sql`id = ${id}`, 1));
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
