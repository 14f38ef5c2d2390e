import type { Tx } from "../db";
import type { FunctionRow, RunRow, StepValue } from "../types";
import { memoOf, type Memo } from "./steps";

export async function lockRun(tx: Tx, id: string): Promise<RunRow | undefined> {
  const [row] = await tx<RunRow[]>`select * from runs where id = ${id} for update`;
  return row;
}

export async function getRun(tx: Tx, id: string): Promise<RunRow | undefined> {
  const [row] = await tx<RunRow[]>`select * from runs where id = ${id}`;
  return row;
}

/** A run as a call reads it, with whether its start timer is still queued (read only while it has not started). */
export type RunForCall = RunRow & { start_timer: boolean };

/** What a call is made from: the run, its function (gone once unsynced) and its memo. */
export type CallInputs = { run: RunForCall; fn: FunctionRow | undefined; memo: Memo };

/** A call's inputs in one statement: one round trip and one snapshot between a claim and its call. */
export async function readCallInputs(tx: Tx, runId: string): Promise<CallInputs | undefined> {
  const [row] = await tx<(RunForCall & { call_fn: FunctionRow | null; call_memo: [string, StepValue][] })[]>`
    select r.*,
      (r.first_call_at is null and exists (select 1 from jobs where job_key = 'timeout-start:' || r.id)) as start_timer,
      (select to_jsonb(f) from (select id, app_id, name, url, config from functions where id = r.function_id) f)
        as call_fn,
      (select coalesce(jsonb_agg(jsonb_build_array(s.step_id, s.value) order by s.position), '[]'::jsonb)
         from run_steps s where s.run_id = r.id and s.position is not null) as call_memo
    from runs r where r.id = ${runId}`;
  if (!row) return undefined;
  const { call_fn: fn, call_memo: memo, ...run } = row;
  return { run, fn: fn ?? undefined, memo: memoOf(memo) };
}
