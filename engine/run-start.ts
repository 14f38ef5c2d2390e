import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { durationMs } from "./duration";
import { acquireSlots, type SlotKey } from "./flow";
import { enqueue } from "./store/jobs";
import { lockRun, type RunForCall } from "./store/runs";
import type { FunctionRow, JobRow, RunRow } from "./types";

/**
 * When a run has started, and the two timeouts counted from it. A run starts when its first call begins: a job of
 * the run claimed, every concurrency slot taken and the request about to go. Waiting for a slot or behind a
 * throttle is queue time, which `timeouts.start` bounds; `timeouts.finish` counts from the start.
 */

export type TimeoutKind = "start" | "finish";

/** The configured timeout as the engine waits it; an unset, empty or zero one sets no timer. */
function timeoutDelay(ctx: EngineContext, fn: FunctionRow, which: TimeoutKind): number | undefined {
  const ms = durationMs(fn.config.timeouts?.[which]);
  return ms > 0 ? ctx.timing.scale(ms) : undefined;
}

/** Whether a timer was queued: none when the function sets no such timeout. */
async function scheduleTimeout(
  ctx: EngineContext,
  tx: Tx,
  fn: FunctionRow,
  runId: string,
  which: TimeoutKind,
): Promise<boolean> {
  const delayMs = timeoutDelay(ctx, fn, which);
  if (delayMs === undefined) return false;
  // The configured text rides along so the cancellation names it even if the function is re-synced meanwhile.
  const after = fn.config.timeouts?.[which];
  await enqueue(tx, {
    key: `timeout-${which}:${runId}`,
    kind: "run_timeout",
    runId,
    payload: { which, after },
    delayMs,
  });
  return true;
}

/** At run creation: the start timer, counted from the moment the run is scheduled. */
export async function scheduleStartTimeout(ctx: EngineContext, tx: Tx, fn: FunctionRow, runId: string) {
  return scheduleTimeout(ctx, tx, fn, runId, "start");
}

/**
 * Inngest Cloud resumes an invoker with the cancelled run's `error`, `"function cancelled"` (the SDK throws it as a
 * StepError with that message); the reason follows after a colon so a caller may tell a start timeout from a
 * finish timeout without losing the prefix it would match on Cloud.
 */
export function cancelledError(reason: string): { name: string; error: string; message: string } {
  return { name: "Error", error: "function cancelled", message: `function cancelled: ${reason}` };
}

export function timeoutError(payload: JobRow["payload"]) {
  const which = payload?.which === "finish" ? "finish" : "start";
  const after = typeof payload?.after === "string" ? ` (${payload.after})` : "";
  return cancelledError(
    which === "start"
      ? `timeouts.start${after} passed before the run's first call began`
      : `timeouts.finish${after} passed since the run's first call began`,
  );
}

/**
 * Whether a run's first call must mark the start in a transaction of its own before it goes: only when a timer
 * counts from that moment, the start timer the run was created with (still there even if the function has since
 * dropped it, read with the run as `start_timer`) or a finish timeout. Otherwise nothing reads the mark before the
 * call's answer, whose statement records it (`answerCall`, engine/store/answer.ts), a commit fewer per run.
 */
export function startNeedsMark(run: RunForCall, fn: FunctionRow, ctx: EngineContext): boolean {
  return timeoutDelay(ctx, fn, "finish") !== undefined || run.start_timer;
}

export type CallStart = "go" | "busy" | "ended";

/**
 * Takes the call's concurrency slots and, for the run's first call, marks the run started in the same transaction:
 * the start timer is dropped and the finish timer set. An unstarted run is locked first, so its start timer and its
 * first call cannot both win: whichever commits second sees the other's outcome.
 */
export async function beginCall(
  ctx: EngineContext,
  tx: Tx,
  job: JobRow,
  run: RunRow,
  fn: FunctionRow,
  keys: SlotKey[],
): Promise<CallStart> {
  const unstarted = run.first_call_at === null;
  if (unstarted && (await lockRun(tx, run.id))?.status !== "Running") return "ended";
  // A job the run's end deleted must not take a slot. Locked, so a run ending meanwhile deletes the job only after
  // this commits, and then finds the slot to free.
  const [owned] = await tx`select 1 from jobs where id = ${job.id} and lease_owner = ${ctx.engineId} for update`;
  if (!owned) return "ended";
  if (keys.length > 0 && !(await acquireSlots(tx, job.id, keys, ctx.timing.leaseMs))) return "busy";
  if (unstarted) {
    const marked =
      await tx`update runs set first_call_at = now() where id = ${run.id} and first_call_at is null returning id`;
    if (marked.length > 0) {
      await tx`delete from jobs where job_key = ${`timeout-start:${run.id}`}`;
      await scheduleTimeout(ctx, tx, fn, run.id, "finish");
    }
  }
  return "go";
}
