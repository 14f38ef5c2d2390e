import { ulid } from "ulid";
import type { EngineContext } from "./context";
import type { Tx } from "./db";
import { durationMs, storedDelayMs } from "./duration";
import { afterStepDone, resolvePendingStep } from "./run-state";
import { enqueueWaitTimeout } from "./store/jobs";
import { lockRun } from "./store/runs";
import { addPending, memoize } from "./store/steps";
import type { Op, RunRow } from "./types";

/**
 * A signal wait is a pause of kind 'signal' keyed by the signal's name; a unique index keeps one per name, so a
 * signal resumes at most one run. A wait another run replaced becomes 'signal_replaced': it no longer answers the
 * signal but still times out, as Inngest documents for `onConflict: "replace"`.
 */
export const SIGNAL_PAUSE = "signal";
export const REPLACED_SIGNAL_PAUSE = "signal_replaced";

export class InvalidSignalError extends Error {}

export function signalConflictError(signal: string, holder: string) {
  return {
    name: "Error",
    message:
      `step.waitForSignal: run ${holder} is already waiting for signal "${signal}"; give each wait a unique ` +
      `signal, or pass onConflict: "replace" to take the signal over`,
  };
}

/** Registers a run's WaitForSignal op in the transaction that applies the SDK's answer. */
export async function planSignalWait(ctx: EngineContext, tx: Tx, run: RunRow, op: Op): Promise<void> {
  const opts = op.opts ?? {};
  const signal = (opts.signal as string | undefined) ?? op.name ?? "";
  const name = op.displayName ?? op.id;
  if (!(await addPending(tx, run.id, op.id, "wait", { name, race: opts.parallelMode === "race" }))) return;
  // Serialises waits on one name, so "replace" and "fail" see every earlier waiter and none slips in between.
  await tx`select pg_advisory_xact_lock(hashtext(${`signal:${signal}`}))`;
  const [holder] = await tx<{ id: string; run_id: string }[]>`
    select id, run_id from pauses where kind = ${SIGNAL_PAUSE} and event_name = ${signal}`;
  if (holder && opts.conflict !== "replace") {
    const error = signalConflictError(signal, holder.run_id);
    if (await memoize(tx, run.id, op.id, { error }, { name, kind: "wait", attempts: 1 }))
      await afterStepDone(tx, run, op.id);
    ctx.log.warn({ runId: run.id, stepId: op.id, signal, holder: holder.run_id }, "signal wait refused: conflict");
    return;
  }
  if (holder) {
    await tx`update pauses set kind = ${REPLACED_SIGNAL_PAUSE} where id = ${holder.id}`;
    ctx.log.info({ runId: holder.run_id, signal, by: run.id }, "signal wait replaced");
  }
  const timeoutMs = storedDelayMs(ctx.timing.scale(durationMs((opts.timeout as string | undefined) ?? "")));
  await tx`
    insert into pauses (id, run_id, step_id, kind, event_name, expires_at)
    values (${ulid()}, ${run.id}, ${op.id}, ${SIGNAL_PAUSE}, ${signal}, now() + ${timeoutMs} * interval '1 millisecond')`;
  await enqueueWaitTimeout(tx, run.id, op.id, timeoutMs);
  ctx.log.info({ runId: run.id, stepId: op.id, signal }, "waiting for signal");
}

export type SignalRequest = { signal: string; data: unknown };

/**
 * Whether a run may be waiting for the signal, read outside any transaction: a sender retrying until its run waits
 * (Keel's task wait) mostly hears "no", and that answer should cost one indexed read, not a transaction.
 */
export async function anyWaiter(sql: Tx, signal: string): Promise<boolean> {
  const rows = await sql`select 1 from pauses where kind = ${SIGNAL_PAUSE} and event_name = ${signal} limit 1`;
  return rows.length > 0;
}

/** Reads `POST /v1/signals`'s body as the SDK sends it: `{ signal, data }`. */
export function parseSignalRequest(body: unknown): SignalRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new InvalidSignalError('send a JSON object: { "signal": "<name>", "data": <any JSON> }');
  const { signal, data } = body as Record<string, unknown>;
  if (typeof signal !== "string" || signal.trim() === "")
    throw new InvalidSignalError('"signal" must be a non-empty string: the name a run waits for');
  return { signal, data: data ?? null };
}

/**
 * Resumes the run waiting for the signal, in the caller's transaction: the pause is consumed by whoever deletes it
 * first (this signal or the wait's timeout). Returns the run resumed, or undefined when no run waits for it:
 * Inngest keeps no signal for a wait that comes later.
 */
export async function deliverSignal(ctx: EngineContext, tx: Tx, request: SignalRequest): Promise<string | undefined> {
  // A wait replaced between the read and the delete leaves its successor waiting: look again, briefly.
  for (let attempt = 0; attempt < 3; attempt++) {
    const resumed = await resumeWaiter(ctx, tx, request);
    if (resumed !== "raced") return resumed?.runId;
  }
  return undefined;
}

/** The run resumed; none when no run waits; `raced` when the pause went between its read and its delete. */
async function resumeWaiter(
  ctx: EngineContext,
  tx: Tx,
  request: SignalRequest,
): Promise<{ runId: string } | undefined | "raced"> {
  const [pause] = await tx<{ id: string; run_id: string; step_id: string }[]>`
    select id, run_id, step_id from pauses
    where kind = ${SIGNAL_PAUSE} and event_name = ${request.signal} and (expires_at is null or expires_at > now())`;
  if (!pause) return undefined;
  // Run row first, then the pause: the lock order of every other change to a run.
  const run = await lockRun(tx, pause.run_id);
  if (!run || run.status !== "Running") return undefined;
  const taken = await tx`delete from pauses where id = ${pause.id} and kind = ${SIGNAL_PAUSE} returning id`;
  if (taken.length === 0) return "raced";
  await tx`delete from jobs where job_key = ${`wait:${run.id}:${pause.step_id}`}`;
  await resolvePendingStep(tx, run, pause.step_id, { data: { signal: request.signal, data: request.data } }, "wait");
  ctx.log.info({ runId: run.id, stepId: pause.step_id, signal: request.signal }, "waitForSignal resumed");
  return { runId: run.id };
}
