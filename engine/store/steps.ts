import type { Tx } from "../db";
import { json } from "../db";
import { jsonBytes } from "../limits";
import type { StepValue } from "../types";

export type PendingKind = "planned" | "sleep" | "wait" | "invoke";

const PENDING_STATUS: Record<PendingKind, string> = {
  planned: "planned",
  sleep: "sleeping",
  wait: "waiting",
  invoke: "invoking",
};

/** Memo and completion order, as the SDK wants them in a call request. */
export type Memo = { steps: Record<string, StepValue>; stack: string[] };

/** A memo from its steps' ids and values in completion order. */
export function memoOf(rows: Array<[string, StepValue]>): Memo {
  const steps: Record<string, StepValue> = {};
  for (const [stepId, value] of rows) steps[stepId] = value;
  return { steps, stack: rows.map(([stepId]) => stepId) };
}

export type StepInfo = {
  name?: string | undefined;
  kind: string;
  attempts?: number;
  durationMs?: number;
  /** The value's JSON size, when the caller has measured it already. */
  bytes?: number;
};

/**
 * Records a step's final result, once: a second report of the same step (a re-run after a crash) changes nothing.
 * The caller holds the run row lock, so positions never collide.
 */
export async function memoize(
  tx: Tx,
  runId: string,
  stepId: string,
  value: StepValue,
  info: StepInfo,
): Promise<boolean> {
  const status = "error" in value ? "failed" : "completed";
  const error = "error" in value ? value.error : null;
  // One statement: the position is taken and the step written together. The caller's run lock keeps any other
  // memoise of this run out until commit, so the check on the statement's snapshot cannot miss a concurrent one.
  const written = await tx`
    with counter as (
      update runs set memo_count = memo_count + 1, state_bytes = state_bytes + ${info.bytes ?? jsonBytes(value)}
      where id = ${runId}
        and not exists (select 1 from run_steps where run_id = ${runId} and step_id = ${stepId} and position is not null)
      returning memo_count
    )
    insert into run_steps (run_id, step_id, name, kind, status, position, value, attempts, error, ended_at, duration_ms)
    select ${runId}, ${stepId}, ${info.name ?? null}, ${info.kind}, ${status}, counter.memo_count,
           ${json(tx, value)}, ${info.attempts ?? 1}, ${json(tx, error)}, now(), ${info.durationMs ?? 0}
    from counter
    on conflict (run_id, step_id) do update set
      status = excluded.status, position = excluded.position, value = excluded.value,
      attempts = greatest(run_steps.attempts, excluded.attempts),
      error = coalesce(excluded.error, run_steps.error), ended_at = now(),
      duration_ms = (extract(epoch from now() - run_steps.started_at) * 1000)::bigint,
      name = coalesce(run_steps.name, excluded.name), kind = run_steps.kind
    returning step_id`;
  return written.length > 0;
}

/** Registers a step the run now waits on; false when it is already known (a re-reported plan). */
export async function addPending(
  tx: Tx,
  runId: string,
  stepId: string,
  kind: PendingKind,
  opts: { name?: string | undefined; race?: boolean },
): Promise<boolean> {
  const rows = await tx`
    insert into run_steps (run_id, step_id, name, kind, status, race)
    values (${runId}, ${stepId}, ${opts.name ?? null}, ${kind}, ${PENDING_STATUS[kind]}, ${opts.race ?? false})
    on conflict (run_id, step_id) do nothing returning step_id`;
  return rows.length > 0;
}

export async function stepState(tx: Tx, runId: string, stepId: string) {
  const [row] = await tx<
    { position: number | null; race: boolean; name: string | null; kind: string; attempts: number }[]
  >`
    select position, race, name, kind, attempts from run_steps where run_id = ${runId} and step_id = ${stepId}`;
  return row;
}

export async function recordStepRetry(
  tx: Tx,
  runId: string,
  stepId: string,
  name: string | undefined,
  attempts: number,
  error: unknown,
) {
  await tx`
    insert into run_steps (run_id, step_id, name, kind, status, attempts, error)
    values (${runId}, ${stepId}, ${name ?? null}, 'planned', 'retrying', ${attempts}, ${json(tx, error)})
    on conflict (run_id, step_id) do update set status = 'retrying', attempts = excluded.attempts, error = excluded.error`;
}

/** Steps still pending, and whether `stepId` belongs to a race group (one query: this runs after every step). */
export async function progress(tx: Tx, runId: string, stepId: string): Promise<{ pending: number; race: boolean }> {
  const [row] = await tx<{ pending: number; race: boolean | null }[]>`
    select count(*) filter (where position is null and status <> 'abandoned')::int as pending,
           bool_or(race) filter (where step_id = ${stepId}) as race
    from run_steps where run_id = ${runId}`;
  return { pending: row?.pending ?? 0, race: row?.race ?? false };
}

/** `run_steps` rows the run still waits on (planned, sleeping, waiting, invoking): a `where` fragment. */
export function pendingSteps(tx: Tx, runId: string | null) {
  return tx`run_id = ${runId} and position is null and status <> 'abandoned'`;
}

export async function pendingCount(tx: Tx, runId: string): Promise<number> {
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from run_steps where ${pendingSteps(tx, runId)}`;
  return row?.n ?? 0;
}
