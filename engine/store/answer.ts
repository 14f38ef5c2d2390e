import { json, type Tx } from "../db";
import type { Place } from "../handoff";
import type { AttemptRow, FunctionRow, JobRow, StepValue } from "../types";
import { JOBS_CHANNEL } from "./jobs";

/** A discovery's answer that ran one step inline: what `answer_call` needs to apply it itself. */
export type InlineStep = {
  id: string;
  name: string | undefined;
  value: StepValue;
  bytes: number;
  durationMs: number;
  /** The memo's length the call was sent, and the run's request version then: a run past either is declined. */
  memoCount: number;
  reqVersion: number;
  /** The request version the answer came with: the run's from now on. */
  answeredVersion: number;
  maxState: number;
  discoveryKey: string;
};

export type AnswerCall = {
  job: JobRow;
  owner: string;
  attempt: AttemptRow;
  /** A first call's start, when no start transaction recorded it. */
  firstCallAt: Date | undefined;
  /** Whether the call took concurrency slots before it started; a call that took none has none to give back. */
  tookSlots: boolean;
};

function params(answer: AnswerCall) {
  const { job, owner, attempt, firstCallAt, tookSlots } = answer;
  return {
    job: job.id,
    run: attempt.run_id,
    owner,
    attempt: { ...attempt, started_at: attempt.started_at.toISOString() },
    channel: JOBS_CHANNEL,
    ...(firstCallAt ? { first_call_at: firstCallAt.toISOString() } : {}),
    ...(tookSlots ? {} : { no_slots: true }),
  };
}

type Answer = {
  checkpointed?: number | null;
  applied?: boolean;
  leased?: JobRow;
  fn?: FunctionRow | null;
};

/** The next discovery when this engine was handed it, with the function to call as the statement read it. */
export type Inlined = { applied: boolean; next?: { job: JobRow; fn: FunctionRow | undefined } };

/**
 * The call's answer as a transaction of its own, when it ran one step inline: applied when it was applied whole (the
 * step memoised, the job off the queue, the next discovery queued, in `place` if one was given: then `next`); not
 * when it needs more than that and nothing was written, so the caller applies it with `answerCall` and applyResult.
 */
export async function answerInline(sql: Tx, answer: AnswerCall, inline: InlineStep, place?: Place): Promise<Inlined> {
  const p = {
    ...params(answer),
    inline: {
      id: inline.id,
      name: inline.name ?? null,
      value: inline.value,
      bytes: inline.bytes,
      duration_ms: inline.durationMs,
      memo_count: inline.memoCount,
      req_version: inline.reqVersion,
      answered_version: inline.answeredVersion,
      max_state: inline.maxState,
      discovery_key: inline.discoveryKey,
    },
    ...(place ? { lease_ms: place.leaseMs } : {}),
  };
  const [row] = await sql<{ answer: Answer }[]>`select answer_call(${json(sql, p)}) as answer`;
  const result = row?.answer;
  if (!result?.leased || !place) return { applied: result?.applied === true };
  place.hand(result.leased);
  return { applied: true, next: { job: result.leased, fn: result.fn ?? undefined } };
}

/**
 * In the caller's transaction, which holds the run's lock: takes the job off the queue and logs the call's attempt.
 * Returns how many steps the call's checkpoints memoised, or undefined when the job is no longer this engine's
 * (nothing was written).
 */
export async function answerCall(tx: Tx, answer: AnswerCall): Promise<number | undefined> {
  const [row] = await tx<{ answer: Answer }[]>`select answer_call(${json(tx, params(answer))}) as answer`;
  return row?.answer.checkpointed ?? undefined;
}
