import type { Tx } from "../db";
import { json } from "../db";
import { storedDelayMs } from "../duration";
import { reservePlace } from "../handoff";
import { pendingSteps } from "./steps";
import type { JobKind, JobRow } from "../types";

export const JOBS_CHANNEL = "inngest_engine_jobs";

export type NewJob = {
  key: string;
  kind: JobKind;
  runId?: string | null;
  stepId?: string | null;
  attempt?: number;
  payload?: Record<string, unknown>;
  delayMs?: number;
  /** Queued only if the run has no step pending (planned, sleeping, waiting, invoking): decided in the insert. */
  whenIdle?: boolean;
};

/**
 * Idempotent by job key: a job that already exists is left as it is. A call due now, queued in a dispatching
 * transaction (engine/handoff.ts) with a place free in this engine's worker, is leased to this engine as it is
 * inserted, as a claim would lease it, and run once the transaction commits: then it is returned.
 */
export async function enqueue(tx: Tx, job: NewJob): Promise<JobRow | undefined> {
  const delay = storedDelayMs(job.delayMs ?? 0);
  const idle = job.whenIdle
    ? tx`and not exists (select 1 from run_steps where ${pendingSteps(tx, job.runId ?? null)})`
    : tx``;
  const place = delay === 0 && job.kind === "call" ? reservePlace(tx) : undefined;
  if (place) {
    const { owner, leaseMs } = place;
    const [leased] = await tx<JobRow[]>`
      insert into jobs (job_key, run_id, kind, step_id, attempt, payload, run_at, lease_owner, lease_until, generation)
      select ${job.key}, ${job.runId ?? null}, ${job.kind}, ${job.stepId ?? null}, ${job.attempt ?? 0},
             ${json(tx, job.payload)}::jsonb, now(), ${owner}, now() + ${leaseMs} * interval '1 millisecond', 1
      where true ${idle}
      on conflict (job_key) do nothing
      returning id, job_key, run_id, kind, step_id, attempt, payload, generation`;
    if (leased) place.hand(leased);
    return leased;
  }
  // Wake idle workers at once for due work (delivered at commit); timers are found by polling. Tested here: compared
  // in SQL, the number becomes an int4 and timers past 2^31 ms (about 24.8 days) overflowed it.
  await tx`
    with inserted as (
      insert into jobs (job_key, run_id, kind, step_id, attempt, payload, run_at)
      select ${job.key}, ${job.runId ?? null}, ${job.kind}, ${job.stepId ?? null}, ${job.attempt ?? 0},
             ${json(tx, job.payload)}::jsonb, now() + ${delay} * interval '1 millisecond'
      where true ${idle}
      on conflict (job_key) do nothing
      returning id
    )
    select pg_notify(${JOBS_CHANNEL}, '') from inserted where ${delay === 0}`;
  return undefined;
}

/** A wait's timeout (waitForEvent, waitForSignal): resolves the step with null unless the wait is met first. */
export async function enqueueWaitTimeout(tx: Tx, runId: string, stepId: string, delayMs: number): Promise<void> {
  await enqueue(tx, { key: `wait:${runId}:${stepId}`, kind: "wait_timeout", runId, stepId, delayMs });
}

/** Leases up to `limit` due jobs; a lease that was not renewed (crashed engine) counts as free. */
export async function claimJobs(tx: Tx, owner: string, limit: number, leaseMs: number): Promise<JobRow[]> {
  return tx<JobRow[]>`
    with due as (
      select id from jobs
      where run_at <= now() and (lease_until is null or lease_until < now())
      order by run_at
      limit ${limit}
      for update skip locked
    )
    update jobs j set lease_owner = ${owner}, lease_until = now() + ${leaseMs} * interval '1 millisecond',
      generation = j.generation + 1, checkpointed = 0
    from due where j.id = due.id
    returning j.id, j.job_key, j.run_id, j.kind, j.step_id, j.attempt, j.payload, j.generation`;
}

/**
 * Extends the leases of the jobs this engine is running. Rows are locked in id order, as a batch of checkpoints
 * locks jobs: in any other order the two can deadlock, and a renewal lost that way lets a live call's lease lapse.
 */
export async function renewLeases(tx: Tx, owner: string, ids: string[], leaseMs: number): Promise<void> {
  if (ids.length === 0) return;
  await tx`update jobs set lease_until = now() + ${leaseMs} * interval '1 millisecond'
           where id in (select id from jobs where id = any(${ids}::bigint[]) and lease_owner = ${owner}
                        order by id for update)`;
  // Only a job still queued keeps its slots: one whose run ended meanwhile lets them lapse.
  await tx`update concurrency_slots set lease_until = now() + ${leaseMs} * interval '1 millisecond'
           where job_id in (select id from jobs where id = any(${ids}::bigint[]) and lease_owner = ${owner})`;
}

/** Takes the job off the queue if we still own it; false means another engine took it over. */
export async function completeJob(tx: Tx, job: JobRow, owner: string): Promise<boolean> {
  const rows = await tx`
    with done as (delete from jobs where id = ${job.id} and lease_owner = ${owner} returning id),
         slots as (delete from concurrency_slots where job_id = ${job.id})
    select id from done`;
  return rows.length > 0;
}

/** Gives a job back to the queue for later without counting an attempt. */
export async function postponeJob(tx: Tx, job: JobRow, owner: string, delayMs: number): Promise<void> {
  await tx`update jobs set lease_owner = null, lease_until = null, run_at = now() + ${storedDelayMs(delayMs)} * interval '1 millisecond'
           where id = ${job.id} and lease_owner = ${owner}`;
  await tx`delete from concurrency_slots where job_id = ${job.id}`;
}
