import type postgres from "postgres";
import { ulid } from "ulid";
import { applyResult, attemptRow, inlineStep, logAttempt, type CallContext } from "./apply";
import { callApp } from "./call";
import type { EngineContext } from "./context";
import { transaction, withDeadline } from "./db";
import { cronJobKey, nextCronDelay } from "./cron-jobs";
import { concurrencyKeys } from "./flow";
import type { Place } from "./handoff";
import { startRunNow } from "./ingest";
import { finishRun } from "./lifecycle";
import { beginCall, startNeedsMark, timeoutError } from "./run-start";
import { createRun, resolvePendingStep } from "./run-state";
import { answerCall, answerInline, type InlineStep } from "./store/answer";
import { completeJob, enqueue, postponeJob } from "./store/jobs";
import { getFunction } from "./store/functions";
import { handInputs, takeInputs } from "./prefetch";
import { lockRun, readCallInputs, type CallInputs } from "./store/runs";
import { runTrace, type TraceContext } from "./trace-context";
import type { EventPayload, FunctionRow, JobRow } from "./types";

/** What a job handler needs from the worker that claimed the job. */
export type JobRunner = {
  ctx: EngineContext;
  /** A transaction with the engine's database deadline. */
  tx: <T>(body: (tx: postgres.TransactionSql) => Promise<T>) => Promise<T>;
  /** A statement of its own, with the job's place for a call it queues when the worker has one. */
  statement: <T>(body: (sql: postgres.Sql, place: Place | undefined) => Promise<T>) => Promise<T>;
  /** Consecutive unreachable calls per run, for the backoff. */
  unreachableStreak: Map<string, number>;
};

/** A sleep ends, a wait or an invoke times out: the step gets its value and the run moves on. */
export async function resolveTimer(
  r: JobRunner,
  job: JobRow,
  value: { data: unknown } | { error: unknown },
  isWait = false,
) {
  await r.tx(async (tx) => {
    const run = job.run_id ? await lockRun(tx, job.run_id) : undefined;
    if (!(await completeJob(tx, job, r.ctx.engineId))) return;
    if (!run || run.status !== "Running" || !job.step_id) return;
    if (isWait) {
      // The pause is consumed by whoever deletes it first: a matching event or this timeout.
      const taken = await tx`delete from pauses where run_id = ${run.id} and step_id = ${job.step_id}
                and kind in ('wait', 'signal', 'signal_replaced') returning id`;
      if (taken.length === 0) return;
    }
    await resolvePendingStep(tx, run, job.step_id, value, job.kind);
  });
}

/**
 * A run timeout: "start" cancels a run whose first call has not begun, "finish" one still running that long after
 * it began. Cancelled like cancelOn: waits, jobs and slots dropped, an invoker resumed with the error.
 */
export async function fireRunTimeout(r: JobRunner, job: JobRow) {
  await r.tx(async (tx) => {
    const run = job.run_id ? await lockRun(tx, job.run_id) : undefined;
    // The first call's start deletes the start timer: one it deleted after our claim is gone here.
    if (!(await completeJob(tx, job, r.ctx.engineId))) return;
    if (!run || run.status !== "Running") return;
    if (job.payload?.which === "start" && run.first_call_at !== null) return;
    const error = timeoutError(job.payload);
    r.ctx.log.warn({ runId: run.id, functionId: run.function_id, error: error.message }, "run timed out: cancelled");
    await finishRun(r.ctx, tx, run, "Cancelled", { error });
  });
}

/** The debounce period passed without a newer event: start the run with the last one. */
export async function fireDebounce(r: JobRunner, job: JobRow) {
  await r.tx(async (tx) => {
    if (!(await completeJob(tx, job, r.ctx.engineId))) return;
    const [row] = await tx<
      {
        function_id: string;
        event: { event: EventPayload; internalId: string | null; trace?: TraceContext | undefined };
      }[]
    >`
      delete from debounces where key = ${String(job.payload?.key)} returning function_id, event`;
    if (!row) return;
    const fn = await getFunction(tx, row.function_id);
    if (fn) await startRunNow(r.ctx, tx, fn, row.event.event, row.event.internalId, row.event.trace);
  });
}

/** A cron tick: start a run and schedule the next tick. */
export async function fireCron(r: JobRunner, job: JobRow) {
  await r.tx(async (tx) => {
    if (!(await completeJob(tx, job, r.ctx.engineId))) return;
    const functionId = String(job.payload?.functionId);
    const cron = String(job.payload?.cron);
    const fn = await getFunction(tx, functionId);
    if (!fn || !fn.config.triggers.some((t) => t.cron === cron)) return;
    const event: EventPayload = {
      name: "inngest/scheduled.timer",
      data: { cron },
      id: `${job.job_key}:${Date.now()}`,
      ts: Date.now(),
    };
    await createRun(r.ctx, tx, fn, event);
    await enqueue(tx, {
      key: cronJobKey(functionId, cron),
      kind: "cron",
      payload: { functionId, cron },
      delayMs: nextCronDelay(r.ctx, cron),
    });
  });
}

/** The error the SDK answers with after a checkpoint got 409 (`api/api.js` StaleDispatchError). */
function isStaleDispatch(body: unknown): boolean {
  const error = (typeof body === "object" && body !== null ? body : {}) as { name?: unknown; message?: unknown };
  return (
    error.name === "StaleDispatchError" &&
    typeof error.message === "string" &&
    error.message.startsWith("Stale dispatch: checkpoint returned 409")
  );
}

function afterInlineStep(
  inputs: CallInputs,
  step: InlineStep,
  fn: FunctionRow | undefined,
  startedAt: Date,
): CallInputs {
  const { run, memo } = inputs;
  return {
    run: {
      ...run,
      memo_count: memo.stack.length + 1,
      req_version: step.answeredVersion,
      state_bytes: String(BigInt(run.state_bytes) + BigInt(step.bytes)),
      first_call_at: run.first_call_at ?? startedAt,
      start_timer: false,
    },
    fn,
    memo: { steps: { ...memo.steps, [step.id]: step.value }, stack: [...memo.stack, step.id] },
  };
}

/** One SDK call (discovery or a planned step) and, in one transaction, what its answer means for the run. */
export async function runCall(r: JobRunner, job: JobRow) {
  const { ctx } = r;
  const read = <T>(work: Promise<T>) => withDeadline(work, ctx.timing.dbDeadlineMs, "read");
  const handed = takeInputs(job);
  const inputs = handed ?? (job.run_id ? await read(readCallInputs(ctx.sql, job.run_id)) : undefined);
  const run = inputs?.run;
  const fn = inputs?.fn;
  if (!inputs || !run || run.status !== "Running" || !fn) {
    await r.tx(async (tx) => {
      const locked = run ? await lockRun(tx, run.id) : undefined;
      if (!(await completeJob(tx, job, ctx.engineId))) return;
      if (locked?.status === "Running" && !fn) {
        await finishRun(ctx, tx, locked, "Failed", {
          error: { name: "Error", message: `Function "${locked.function_id}" is no longer synced` },
        });
      }
    });
    return;
  }

  const keys = concurrencyKeys(fn, run.event);
  const unmarked = run.first_call_at === null;
  if (keys.length > 0 || (unmarked && startNeedsMark(run, fn, ctx))) {
    // Not the job's last transaction (the call follows), so not one that may pass the job's place on (handoff.ts).
    const start = await transaction(ctx.sql, (tx) => beginCall(ctx, tx, job, run, fn, keys), ctx.timing.dbDeadlineMs);
    if (start === "ended") {
      // The run ended (cancelled, timed out) while this call was queued: its end already took the job away.
      await r.tx((tx) => completeJob(tx, job, ctx.engineId));
      return;
    }
    if (start === "busy") {
      // Jitter spreads the retries of many calls queued behind one busy key.
      await read(postponeJob(ctx.sql, job, ctx.engineId, ctx.timing.slotRetryMs * (1 + Math.random())));
      return;
    }
  }
  // A memo read before the call's start is still the memo sent: the answer is judged against its length.
  const { memo } = inputs;
  if (job.step_id && job.step_id !== "step" && job.step_id in memo.steps) {
    // Already memoised (a duplicate plan): never run a finished step again.
    await r.tx((tx) => completeJob(tx, job, ctx.engineId));
    return;
  }
  const startedAt = new Date();
  const result = await callApp(ctx, {
    url: fn.url,
    stepId: job.step_id ?? "step",
    runId: run.id,
    event: run.event,
    events: run.events,
    steps: memo.steps,
    stack: memo.stack,
    attempt: job.attempt,
    maxAttempts: run.max_attempts,
    forceStepPlan: run.force_step_plan,
    version: run.req_version,
    trace: runTrace(run),
    checkpoint: ctx.checkpointing
      ? { fnId: fn.id, jobId: job.id, generation: job.generation, requestId: ulid() }
      : undefined,
  });
  // trace_id: the same id the app's spans and log lines for this run carry.
  const log = ctx.log.child({
    runId: run.id,
    functionId: fn.id,
    stepId: job.step_id,
    attempt: job.attempt,
    ...(run.traceparent ? { trace_id: run.traceparent.split("-")[1] } : {}),
  });
  // The memo actually sent: a result computed from an older memo than the run's current one is stale.
  const call: CallContext = { job, run, memoCount: memo.stack.length, startedAt };
  if (result.kind === "unreachable") {
    const streak = (r.unreachableStreak.get(run.id) ?? 0) + 1;
    r.unreachableStreak.set(run.id, streak);
    log.warn({ error: result.error, streak }, "app unreachable: call postponed");
    await r.tx(async (tx) => {
      await logAttempt(ctx, tx, call, result);
      await postponeJob(tx, job, ctx.engineId, ctx.timing.backoff(Math.min(streak, 8)));
    });
    return;
  }
  r.unreachableStreak.delete(run.id);
  log.debug(
    {
      status: result.kind === "response" ? result.status : result.kind,
      ms: Math.round(result.durationMs),
      body: result.kind === "response" ? result.body : undefined,
    },
    "call returned",
  );
  if (ctx.checkpointing && result.kind === "response" && result.status === 400 && isStaleDispatch(result.body)) {
    // The SDK stopped because a checkpoint was refused: never the function's failure. The call goes back to the
    // queue if it is still ours (our own lease lapsed and we took it again); the next call resumes from the memo.
    await r.tx(async (tx) => {
      const locked = await lockRun(tx, run.id);
      await logAttempt(ctx, tx, call, result);
      if (locked?.status !== "Running") {
        log.info({ status: locked?.status }, "run ended during the call: result discarded");
        return;
      }
      await postponeJob(tx, job, ctx.engineId, 0);
      log.info("checkpoint refused as stale: call given back to the queue");
    });
    return;
  }
  const answer = {
    job,
    owner: ctx.engineId,
    attempt: attemptRow(ctx, call, result),
    firstCallAt: unmarked ? startedAt : undefined,
    tookSlots: keys.length > 0,
  };
  const inline = inlineStep(call, result);
  // The usual answer, one step run inline, is applied whole in one statement, or declined with nothing written.
  const applied =
    inline &&
    (await r.statement(async (sql, place) => {
      const { applied, next } = await answerInline(sql, answer, inline, place);
      // Set before the worker starts the next call, which happens once this returns.
      if (next) handInputs(next.job, afterInlineStep(inputs, inline, next.fn, startedAt));
      return applied;
    }));
  if (applied) return;
  await r.tx(async (tx) => {
    // Sent together, run first as everywhere: the run's lock, then the job taken off the queue with the call's
    // attempt logged, in one round trip.
    const [locked, checkpointed] = await Promise.all([lockRun(tx, run.id), answerCall(tx, answer)]);
    if (checkpointed === undefined) {
      if (locked?.status === "Running") log.warn("lease lost during the call: result discarded");
      else log.info({ status: locked?.status }, "run ended during the call: result discarded");
      return;
    }
    // Steps this call checkpointed extended the memo it was sent: its answer is stale only past them.
    const answered = { ...call, memoCount: call.memoCount + checkpointed, checkpointed };
    if (!locked || locked.status !== "Running") return;
    await applyResult(ctx, tx, { ...answered, run: locked }, result);
  });
}
