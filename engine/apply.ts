import { ulid } from "ulid";
import type { CallResult } from "./call";
import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { durationMs, retryAfterMs, storedDelayMs } from "./duration";
import { throttleDelay } from "./flow";
import { finishRun } from "./lifecycle";
import { afterStepDone, createRun, discoveryKey, scheduleDiscovery, scheduleDiscoveryWhenIdle } from "./run-state";
import {
  boundedStepValue,
  jsonBytes,
  MAX_RESPONSE_BYTES,
  MAX_RUN_STATE_BYTES,
  MAX_STEP_OUTPUT_BYTES,
  outputTooLargeError,
} from "./limits";
import type { InlineStep } from "./store/answer";
import { insertAttempt } from "./store/attempts";
import { enqueue, enqueueWaitTimeout } from "./store/jobs";
import { getFunction } from "./store/functions";
import { addPending, memoize, pendingCount, recordStepRetry, stepState } from "./store/steps";
import { pauseKey } from "./pause-match";
import { planSignalWait } from "./signals";
import { runTrace } from "./trace-context";
import type { AttemptRow, EventPayload, JobRow, Op, RunRow, SerializedError, StepValue } from "./types";

const LAZY_OPS = new Set(["DeferAdd", "DeferAbort"]);

export type CallContext = {
  job: JobRow;
  run: RunRow;
  memoCount: number;
  startedAt: Date;
  /** Steps the call's checkpoints memoised before it answered: progress even when the answer repeats them. */
  checkpointed?: number;
};

export function unsupportedOpError(op: Op): SerializedError {
  const step = op.displayName ?? op.name ?? op.id;
  return {
    name: "UnsupportedOpError",
    message: `The Keel Inngest engine does not support the "${op.op}" op (step "${step}"); use Inngest Cloud or the Inngest dev server for it`,
  };
}

function retryDelay(ctx: EngineContext, retryAfter: string | undefined, attempt: number) {
  const after = retryAfterMs(retryAfter);
  return after === undefined ? ctx.timing.backoff(attempt) : ctx.timing.scale(after);
}

/** Applies one SDK answer to a locked, running run. The job is already off the queue. */
export async function applyResult(
  ctx: EngineContext,
  tx: Tx,
  call: CallContext,
  result: Exclude<CallResult, { kind: "unreachable" }>,
) {
  const { job, run } = call;
  const log = ctx.log.child({ runId: run.id, functionId: run.function_id, stepId: job.step_id });
  if (result.kind === "rejected") {
    await functionError(ctx, tx, call, { name: "SignatureError", message: result.error }, false, undefined);
    return;
  }
  if (result.kind === "too_large") {
    log.warn({ bytes: result.bytes }, "response too large");
    await responseTooLarge(ctx, tx, call);
    return;
  }
  if (result.reqVersion !== undefined && result.reqVersion !== run.req_version) {
    await tx`update runs set req_version = ${result.reqVersion} where id = ${run.id}`;
  }
  if (result.status === 200) {
    await complete(ctx, tx, run, result.body);
    return;
  }
  if (result.status === 206 && Array.isArray(result.body)) {
    await applyOps(ctx, tx, call, result.body as Op[], result.noRetry === true, result.retryAfter);
    return;
  }
  log.warn({ status: result.status, body: result.body }, "function error");
  await functionError(ctx, tx, call, result.body, result.noRetry === true, result.retryAfter);
}

/** The function returned: its value is the run's output, unless it is too large to keep. */
async function complete(ctx: EngineContext, tx: Tx, run: RunRow, output: unknown) {
  const bytes = jsonBytes(output);
  if (bytes > MAX_STEP_OUTPUT_BYTES) {
    const error = outputTooLargeError("The function's return value", bytes, MAX_STEP_OUTPUT_BYTES);
    await finishRun(ctx, tx, run, "Failed", { error });
    return;
  }
  await finishRun(ctx, tx, run, "Completed", { output });
}

/**
 * A body too large to read: a planned step's call fails that step. A discovery may have run a step inline, so it is
 * asked again with every step planned, which pins the failure on the step; with plans forced, the body is the
 * function's return value and the run fails.
 */
async function responseTooLarge(ctx: EngineContext, tx: Tx, { job, run }: CallContext) {
  const stepId = job.step_id ?? "step";
  if (stepId !== "step") {
    const state = await stepState(tx, run.id, stepId);
    const name = state?.name ?? stepId;
    const error = outputTooLargeError(`The response to step "${name}"`, undefined, MAX_RESPONSE_BYTES);
    if (await memoize(tx, run.id, stepId, { error }, { name, kind: "run", attempts: job.attempt + 1 })) {
      await afterStepDone(tx, run, stepId);
    }
    return;
  }
  if (!run.force_step_plan) {
    await tx`update runs set force_step_plan = true where id = ${run.id}`;
    await scheduleDiscovery(tx, run.id);
    return;
  }
  const error = outputTooLargeError("The function's response", undefined, MAX_RESPONSE_BYTES);
  await finishRun(ctx, tx, run, "Failed", { error });
}

async function functionError(
  ctx: EngineContext,
  tx: Tx,
  { job, run }: CallContext,
  error: unknown,
  noRetry: boolean,
  retryAfter: string | undefined,
) {
  if (noRetry || job.attempt + 1 >= run.max_attempts) {
    await finishRun(ctx, tx, run, "Failed", { error });
    return;
  }
  await enqueue(tx, {
    key: job.job_key,
    kind: "call",
    runId: run.id,
    stepId: job.step_id,
    attempt: job.attempt + 1,
    delayMs: retryDelay(ctx, retryAfter, job.attempt + 1),
  });
}

async function applyOps(
  ctx: EngineContext,
  tx: Tx,
  call: CallContext,
  ops: Op[],
  noRetry: boolean,
  retryAfter: string | undefined,
) {
  const { job, run } = call;
  // Memo changed while this discovery ran (a race sibling finished): keep results of steps it ran, drop its plans.
  const stale = job.step_id === "step" && run.memo_count !== call.memoCount;
  const active = ops.filter((op) => !LAZY_OPS.has(op.op));
  if (active.length > 1 && !stale && !run.force_step_plan)
    await tx`update runs set force_step_plan = true where id = ${run.id}`;
  let progressed = false;
  // Set when this answer scheduled something (a retry, a plan, a timer): then the run cannot be stuck.
  let scheduled = false;
  const callMs = Math.round(Date.now() - call.startedAt.getTime());
  let stateBytes = Number(run.state_bytes);
  /** Memoises a step's final value within the size limits; true when this answer recorded it. */
  const record = async (stepId: string, name: string | undefined, value: StepValue, attempts: number) => {
    const bounded = boundedStepValue(name ?? stepId, value, stateBytes);
    const info = { name, kind: "run", attempts, durationMs: callMs, bytes: bounded.bytes };
    if (!(await memoize(tx, run.id, stepId, bounded.value, info))) return false;
    stateBytes += bounded.bytes;
    return true;
  };
  for (const op of ops) {
    const name = op.displayName ?? op.name;
    const race = op.opts?.parallelMode === "race";
    switch (op.op) {
      case "StepRun":
      case "Step": {
        const attempts = (op.id === job.step_id ? job.attempt : 0) + 1;
        if (await record(op.id, name, { data: op.data ?? null }, attempts)) progressed = true;
        break;
      }
      case "StepError": {
        const attempt = op.id === job.step_id || job.step_id === "step" ? job.attempt : 0;
        if (!noRetry && attempt + 1 < run.max_attempts) {
          await recordStepRetry(tx, run.id, op.id, name, attempt + 1, op.error);
          await enqueue(tx, {
            key: `step:${run.id}:${op.id}`,
            kind: "call",
            runId: run.id,
            stepId: op.id,
            attempt: attempt + 1,
            delayMs: retryDelay(ctx, retryAfter, attempt + 1),
          });
          ctx.log.warn({ runId: run.id, stepId: op.id, step: name, attempt, error: op.error }, "step error: retrying");
          scheduled = true;
          break;
        }
        if (await record(op.id, name, { error: op.error }, attempt + 1)) progressed = true;
        break;
      }
      case "StepFailed": {
        const attempts = (op.id === job.step_id || job.step_id === "step" ? job.attempt : 0) + 1;
        if (await record(op.id, name, { error: op.error }, attempts)) progressed = true;
        break;
      }
      case "StepPlanned": {
        if (stale) break;
        if (await addPending(tx, run.id, op.id, "planned", { name, race })) {
          await enqueue(tx, { key: `step:${run.id}:${op.id}`, kind: "call", runId: run.id, stepId: op.id });
          scheduled = true;
        }
        break;
      }
      case "Sleep": {
        if (stale) break;
        const duration = (op.opts?.duration as string | undefined) ?? op.name ?? "";
        if (await addPending(tx, run.id, op.id, "sleep", { name: op.displayName ?? op.id, race })) {
          await enqueue(tx, {
            key: `sleep:${run.id}:${op.id}`,
            kind: "sleep",
            runId: run.id,
            stepId: op.id,
            delayMs: ctx.timing.scale(durationMs(duration)),
          });
          scheduled = true;
        }
        break;
      }
      case "WaitForEvent": {
        if (stale) break;
        await planWait(ctx, tx, run, op);
        break;
      }
      case "WaitForSignal": {
        if (stale) break;
        await planSignalWait(ctx, tx, run, op);
        break;
      }
      case "InvokeFunction": {
        if (stale) break;
        await planInvoke(ctx, tx, run, op);
        break;
      }
      case "RunComplete":
        await complete(ctx, tx, run, op.data ?? null);
        return;
      case "DiscoveryRequest":
        progressed = true;
        break;
      case "DeferAdd":
      case "DeferAbort":
        break;
      default:
        await finishRun(ctx, tx, run, "Failed", { error: unsupportedOpError(op) });
        return;
    }
  }
  if ((call.checkpointed ?? 0) > 0) progressed = true;
  if (stale) {
    const pending = await pendingCount(tx, run.id);
    if (pending === 0) await tx`update runs set force_step_plan = false where id = ${run.id}`;
    await scheduleDiscovery(tx, run.id);
    return;
  }
  if (progressed) {
    if (job.step_id !== "step") await afterStepDone(tx, run, job.step_id ?? "step");
    else await scheduleDiscoveryWhenIdle(tx, run.id);
    return;
  }
  if (scheduled) return;
  // An answer that neither finished, planned nor resolved anything would leave the run waiting forever.
  const [next] = await tx<{ waiting: boolean }[]>`
    select exists (select 1 from jobs where run_id = ${run.id})
        or exists (select 1 from run_steps where run_id = ${run.id} and position is null and status in ('waiting', 'invoking'))
      as waiting`;
  if (!next?.waiting) {
    const ops = active.map((op) => op.op).join(", ") || "none";
    await functionError(
      ctx,
      tx,
      call,
      { name: "Error", message: `The SDK answered without progress (ops: ${ops})` },
      false,
      undefined,
    );
  }
}

async function planWait(ctx: EngineContext, tx: Tx, run: RunRow, op: Op) {
  const opts = op.opts ?? {};
  const eventName = (opts.event as string | undefined) ?? op.name ?? "";
  const timeoutMs = storedDelayMs(ctx.timing.scale(durationMs((opts.timeout as string | undefined) ?? "")));
  if (
    !(await addPending(tx, run.id, op.id, "wait", {
      name: op.displayName ?? op.id,
      race: op.opts?.parallelMode === "race",
    }))
  )
    return;
  const key = pauseKey(opts.if as string | undefined, run.event);
  await tx`
    insert into pauses (id, run_id, step_id, kind, event_name, expr, expires_at, match_path, match_value)
    values (${ulid()}, ${run.id}, ${op.id}, 'wait', ${eventName}, ${(opts.if as string | undefined) ?? null},
            now() + ${timeoutMs} * interval '1 millisecond', ${key?.path ?? null}, ${key?.value ?? null})`;
  await enqueueWaitTimeout(tx, run.id, op.id, timeoutMs);
  ctx.log.info({ runId: run.id, stepId: op.id, eventName, if: opts.if }, "waiting for event");
}

async function planInvoke(ctx: EngineContext, tx: Tx, run: RunRow, op: Op) {
  const opts = op.opts ?? {};
  const target = opts.function_id as string | undefined;
  if (
    !(await addPending(tx, run.id, op.id, "invoke", {
      name: op.displayName ?? op.id,
      race: op.opts?.parallelMode === "race",
    }))
  )
    return;
  const fn = target ? await getFunction(tx, target) : undefined;
  if (!fn) {
    await memoize(
      tx,
      run.id,
      op.id,
      { error: { name: "Error", message: `step.invoke: function "${target}" is not synced` } },
      { kind: "invoke" },
    );
    await afterStepDone(tx, run, op.id);
    return;
  }
  const payload = (opts.payload as { data?: Record<string, unknown>; v?: string } | undefined) ?? {};
  const event: EventPayload = {
    name: "inngest/function.invoked",
    data: { ...(payload.data ?? {}), _inngest: { source_run_id: run.id, source_fn_id: run.function_id } },
    id: ulid(),
    ts: Date.now(),
    ...(payload.v ? { v: payload.v } : {}),
  };
  const childId = await createRun(ctx, tx, fn, event, {
    // As on Inngest Cloud, an invoked function's throttle holds: a lane shared by many invokers keeps its pace.
    delayMs: await throttleDelay(ctx, tx, fn, event),
    parent: { runId: run.id, stepId: op.id },
    trace: runTrace(run),
  });
  const timeout = opts.timeout as string | undefined;
  if (timeout) {
    await enqueue(tx, {
      key: `invoke:${run.id}:${op.id}`,
      kind: "invoke_timeout",
      runId: run.id,
      stepId: op.id,
      payload: { childId },
      delayMs: ctx.timing.scale(durationMs(timeout)),
    });
  }
}

/**
 * The answer most calls get, a discovery that ran one step inline, as `answer_call` applies it in SQL; undefined for
 * any other answer, which applyResult handles. What the statement cannot see before it runs (a step over its size
 * limit) is left out here too.
 */
export function inlineStep(call: CallContext, result: CallResult): InlineStep | undefined {
  const { job, run } = call;
  if (job.step_id !== "step" || result.kind !== "response" || result.status !== 206) return undefined;
  if (!Array.isArray(result.body) || result.body.length !== 1) return undefined;
  const op = result.body[0] as Op;
  if ((op.op !== "StepRun" && op.op !== "Step") || op.id === job.step_id) return undefined;
  const value: StepValue = { data: op.data ?? null };
  const bytes = jsonBytes(value);
  if (bytes > MAX_STEP_OUTPUT_BYTES) return undefined;
  return {
    id: op.id,
    name: op.displayName ?? op.name,
    value,
    bytes,
    durationMs: Math.round(Date.now() - call.startedAt.getTime()),
    memoCount: call.memoCount,
    reqVersion: run.req_version,
    // A run's first answer names the request version its calls use from then on (the run starts with none, -1).
    answeredVersion: result.reqVersion ?? run.req_version,
    maxState: MAX_RUN_STATE_BYTES,
    discoveryKey: discoveryKey(run.id),
  };
}

/** One row per SDK call: the "Runs" view reads attempts, outcomes and durations from here. */
export function attemptRow(ctx: EngineContext, call: CallContext, result: CallResult): AttemptRow {
  const outcome =
    result.kind !== "response"
      ? result.kind
      : result.status === 200
        ? "completed"
        : result.status === 206
          ? "ops"
          : "error";
  const ops =
    result.kind === "response" && Array.isArray(result.body)
      ? (result.body as Op[]).map((o) => `${o.op}:${o.id}`)
      : null;
  const error =
    result.kind !== "response"
      ? { message: result.error }
      : result.status >= 300
        ? result.body
        : ops?.some((o) => o.startsWith("StepError") || o.startsWith("StepFailed"))
          ? (result.body as Op[]).find((o) => o.op === "StepError" || o.op === "StepFailed")?.error
          : null;
  return {
    run_id: call.run.id,
    step_id: call.job.step_id ?? "step",
    attempt: call.job.attempt,
    engine_id: ctx.engineId,
    started_at: call.startedAt,
    duration_ms: Math.round(result.durationMs),
    http_status: result.kind === "response" ? result.status : null,
    outcome,
    ops,
    error: error ?? null,
  };
}

export async function logAttempt(ctx: EngineContext, tx: Tx, call: CallContext, result: CallResult) {
  await insertAttempt(tx, attemptRow(ctx, call, result));
}
