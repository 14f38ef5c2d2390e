import { ulid } from "ulid";
import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { json } from "./db";
import { durationMs, storedDelayMs } from "./duration";
import { jsonBytes } from "./limits";
import { pauseKey } from "./pause-match";
import { enqueue } from "./store/jobs";
import { memoize, memoOf, progress, stepState } from "./store/steps";
import { lockRun } from "./store/runs";
import { handInputs } from "./prefetch";
import { cancelledError, scheduleStartTimeout } from "./run-start";
import type { TraceContext } from "./trace-context";
import type { EventPayload, FunctionRow, JobRow, RunRow, RunStatus, StepValue } from "./types";

/**
 * Starting, advancing and ending a run, short of the events an ending emits: ingesting an event cancels runs and
 * resumes waits with these, and a failed run's end ingests an event (lifecycle.ts), so these live apart from both.
 */

/** Inngest's default when a function sets no `retries`: 4 retries, so 5 attempts. */
const DEFAULT_RETRIES = 4;

export function discoveryKey(runId: string) {
  return `disc:${runId}`;
}

/** The discovery; returned when it was leased to this engine to run once the transaction commits. */
export async function scheduleDiscovery(tx: Tx, runId: string, delayMs = 0): Promise<JobRow | undefined> {
  return enqueue(tx, { key: discoveryKey(runId), kind: "call", runId, stepId: "step", delayMs });
}

/** A discovery, unless the run has steps pending: their answers will schedule it. */
export async function scheduleDiscoveryWhenIdle(tx: Tx, runId: string): Promise<void> {
  await enqueue(tx, { key: discoveryKey(runId), kind: "call", runId, stepId: "step", whenIdle: true });
}

export type NewRun = {
  delayMs?: number;
  eventId?: string | null;
  parent?: { runId: string; stepId: string };
  singletonKey?: string | undefined;
  /** The trace the run's calls continue: its event's, or the parent run's for an invoked one. */
  trace?: TraceContext | undefined;
};

export async function createRun(
  ctx: EngineContext,
  tx: Tx,
  fn: FunctionRow,
  event: EventPayload,
  opts: NewRun = {},
): Promise<string> {
  const id = ulid();
  const retries = fn.config.steps.step?.retries?.attempts ?? DEFAULT_RETRIES;
  const [run] = await tx<RunRow[]>`
    insert into runs (id, function_id, app_id, status, event_id, event, events, max_attempts, parent_run_id, parent_step_id,
                      singleton_key, state_bytes, traceparent, tracestate)
    values (${id}, ${fn.id}, ${fn.app_id}, 'Running', ${opts.eventId ?? null}, ${json(tx, event)}, ${json(tx, [event])},
            ${retries + 1}, ${opts.parent?.runId ?? null}, ${opts.parent?.stepId ?? null}, ${opts.singletonKey ?? null},
            ${jsonBytes(event)}, ${opts.trace?.traceparent ?? null}, ${opts.trace?.tracestate ?? null})
    returning *`;
  // Counted from now, so time spent behind a throttle or a concurrency limit counts: that is what the limit is for.
  const startTimer = await scheduleStartTimeout(ctx, tx, fn, id);
  for (const [index, cancel] of (fn.config.cancel ?? []).entries()) {
    const timeout = cancel.timeout ? storedDelayMs(ctx.timing.scale(durationMs(cancel.timeout))) : null;
    const key = pauseKey(cancel.if, event);
    await tx`
      insert into pauses (id, run_id, step_id, kind, event_name, expr, expires_at, match_path, match_value)
      values (${ulid()}, ${id}, ${`cancel:${index}`}, 'cancel', ${cancel.event}, ${cancel.if ?? null},
              ${timeout === null ? null : tx`now() + ${timeout} * interval '1 millisecond'`},
              ${key?.path ?? null}, ${key?.value ?? null})`;
  }
  const first = await scheduleDiscovery(tx, id, opts.delayMs ?? 0);
  // Its first call is made from what was just written: the run as inserted, the function it was started for, no memo.
  if (first && run) handInputs(first, { run: { ...run, start_timer: startTimer }, fn, memo: memoOf([]) });
  ctx.log.info({ runId: id, functionId: fn.id, eventName: event.name }, "run started");
  return id;
}

/**
 * A step the run waited on has its result. Discovery follows once no planned step is left (a parallel group
 * drains first), or at once for a race group, where the first result decides.
 */
export async function afterStepDone(tx: Tx, run: RunRow, stepId: string): Promise<void> {
  const { pending, race } = await progress(tx, run.id, stepId);
  if (pending === 0) {
    await tx`update runs set force_step_plan = false where id = ${run.id} and force_step_plan`;
    await scheduleDiscovery(tx, run.id);
  } else if (race) {
    await scheduleDiscovery(tx, run.id);
  }
}

/** Memoises the result of a step the run waits on (sleep, wait, invoke, planned step) and moves the run on. */
export async function resolvePendingStep(
  tx: Tx,
  run: RunRow,
  stepId: string,
  value: StepValue,
  kind: string,
): Promise<boolean> {
  const state = await stepState(tx, run.id, stepId);
  const done = await memoize(tx, run.id, stepId, value, {
    name: state?.name ?? undefined,
    kind,
    attempts: Math.max(1, state?.attempts ?? 0),
  });
  if (done) await afterStepDone(tx, run, stepId);
  return done;
}

export type RunResult = { output?: unknown; error?: unknown };

/** Marks the run ended and drops what it was waiting on; false when it had already ended. */
export async function closeRun(
  ctx: EngineContext,
  tx: Tx,
  run: RunRow,
  status: Exclude<RunStatus, "Running">,
  result: RunResult,
): Promise<boolean> {
  const updated = await tx`
    update runs set status = ${status}, output = ${json(tx, result.output ?? null)}, error = ${json(tx, result.error ?? null)},
      ended_at = now()
    where id = ${run.id} and status = 'Running' returning id`;
  if (updated.length === 0) return false;
  // Sent together: statements of one transaction run in order on its connection, one round trip for all three.
  const [jobs] = await Promise.all([
    tx<{ id: string }[]>`delete from jobs where run_id = ${run.id} and kind <> 'debounce' returning id`,
    tx`delete from pauses where run_id = ${run.id}`,
    tx`update run_steps set status = 'abandoned' where run_id = ${run.id} and position is null`,
  ]);
  // A call still in flight keeps running in the app, but its slots go now: the run no longer counts against a limit.
  // A statement of its own, after the jobs, so it sees a slot taken by a call that held its job row until now.
  if (jobs.length > 0) await tx`delete from concurrency_slots where job_id = any(${jobs.map((j) => j.id)}::bigint[])`;
  const log = ctx.log.child({ runId: run.id, functionId: run.function_id });
  if (status === "Failed") log.warn({ error: result.error }, "run failed");
  else log.info({ status }, "run finished");
  return true;
}

/** An invoked run's end is the result of the step in its parent that invoked it. */
export async function resumeParent(
  tx: Tx,
  run: RunRow,
  status: Exclude<RunStatus, "Running">,
  result: RunResult,
): Promise<void> {
  if (!run.parent_run_id || !run.parent_step_id) return;
  const parent = await lockRun(tx, run.parent_run_id);
  if (parent?.status !== "Running") return;
  const value: StepValue =
    status === "Completed"
      ? { data: result.output ?? null }
      : {
          error:
            result.error ??
            (status === "Cancelled"
              ? cancelledError(`invoked run ${run.id} was cancelled`)
              : { name: "Error", message: `Invoked function run ${run.id} failed` }),
        };
  await tx`delete from jobs where job_key = ${`invoke:${parent.id}:${run.parent_step_id}`}`;
  await resolvePendingStep(tx, parent, run.parent_step_id, value, "invoke");
}

/** A cancelled run emits no event, so ingesting one may cancel runs without going through lifecycle.ts. */
export async function cancelRun(ctx: EngineContext, tx: Tx, run: RunRow): Promise<void> {
  if (await closeRun(ctx, tx, run, "Cancelled", {})) await resumeParent(tx, run, "Cancelled", {});
}
