import type { Tx } from "./db";
import type { RunRow } from "./types";

/** Inngest's REST FunctionRun shape (GET /v1/runs/:id, GET /v1/events/:id/runs). */
export function toFunctionRun(run: RunRow) {
  return {
    run_id: run.id,
    run_started_at: run.started_at.toISOString(),
    function_id: run.function_id,
    function_version: 1,
    environment_id: "local",
    event_id: run.event_id,
    status: run.status,
    output: run.status === "Failed" ? run.error : run.output,
    ended_at: run.ended_at ? run.ended_at.toISOString() : null,
    ...(run.event.name === "inngest/scheduled.timer" && typeof run.event.data.cron === "string"
      ? { cron: run.event.data.cron }
      : {}),
  };
}

export async function runsForEvent(tx: Tx, eventId: string) {
  const rows = await tx<RunRow[]>`
    select r.* from runs r
    where r.event_id = ${eventId}
       or r.event_id in (select internal_id from events where id = ${eventId})
    order by r.id`;
  return rows.map(toFunctionRun);
}

export async function runById(tx: Tx, runId: string) {
  const [row] = await tx<RunRow[]>`select * from runs where id = ${runId}`;
  return row ? toFunctionRun(row) : undefined;
}

export async function eventById(tx: Tx, eventId: string) {
  const [row] = await tx<
    { internal_id: string; id: string; name: string; data: unknown; ts: string; received_at: Date }[]
  >`
    select * from events where internal_id = ${eventId} or id = ${eventId} order by received_at limit 1`;
  if (!row) return undefined;
  return {
    internal_id: row.internal_id,
    id: row.id,
    name: row.name,
    data: row.data,
    ts: Number(row.ts),
    received_at: row.received_at.toISOString(),
  };
}
