import type { CallInputs } from "./store/runs";
import type { JobRow } from "./types";

/**
 * What a call is made from, handed over by the write that queued and leased it, which knew it whole (a new run, or
 * the answer before it, which checked no other step had been memoised): the call then needs no read first. Held only
 * as long as the job object itself.
 */
const handed = new WeakMap<JobRow, CallInputs>();

export function handInputs(job: JobRow, inputs: CallInputs): void {
  handed.set(job, inputs);
}

/** The inputs handed over with `job`, once: a retry of the call reads them afresh. */
export function takeInputs(job: JobRow): CallInputs | undefined {
  const inputs = handed.get(job);
  handed.delete(job);
  return inputs;
}
