import { z } from "zod";
import type { EngineContext } from "./context";
import { json, transaction, type Tx } from "./db";
import { GroupCommit } from "./group-commit";
import { boundedStepValue } from "./limits";
import { memoizeOverPending } from "./store/steps";
import type { RunRow, StepValue } from "./types";

/**
 * Async checkpointing (`inngest@4.24.0`, `api/api.js` checkpointStepsAsync): while one call runs steps one after
 * another, the SDK reports each finished step here and goes on only once it is recorded. The call's job stays
 * queued and leased meanwhile, so if the app dies the job is claimed again and the next call starts from the last
 * committed checkpoint.
 */

export class CheckpointError extends Error {
  constructor(
    /** 409 is what the SDK reads as a stale dispatch: it stops the call. Anything else it retries, then falls back. */
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
  }
}

const opSchema = z.looseObject({
  op: z.string(),
  id: z.string().min(1),
  name: z.string().optional(),
  displayName: z.string().optional(),
  data: z.unknown().optional(),
  timing: z.looseObject({ a: z.number(), b: z.number() }).optional(),
});

const bodySchema = z.object({
  run_id: z.string().min(1),
  fn_id: z.string().min(1),
  qi_id: z.string().regex(/^\d+$/, "expected the job id the engine sent as ctx.qi_id"),
  generation_id: z.number().int(),
  request_id: z.string().optional(),
  request_started_at: z.number().optional(),
  steps: z.array(opSchema),
});

type CheckpointBody = z.infer<typeof bodySchema>;

/** Results a checkpoint records. Lazy ops are left to the call's response, like everything else. */
const RESULT_OPS = new Set(["StepRun", "Step"]);
const LAZY_OPS = new Set(["DeferAdd", "DeferAbort"]);

function parse(runId: string, raw: unknown): CheckpointBody {
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw new CheckpointError(400, `invalid checkpoint: ${problems.join("; ")}`);
  }
  if (parsed.data.run_id !== runId)
    throw new CheckpointError(400, `checkpoint for run ${parsed.data.run_id} was posted to run ${runId}'s URL`);
  for (const op of parsed.data.steps) {
    if (!RESULT_OPS.has(op.op) && !LAZY_OPS.has(op.op))
      throw new CheckpointError(
        400,
        `checkpoints take finished steps (StepRun) only, not "${op.op}" (step ${op.displayName ?? op.id}): ` +
          "the SDK falls back to sending it in the call's response",
      );
  }
  return parsed.data;
}

/** What a batch needs of a locked run: not its event, which every checkpoint would otherwise read and parse. */
type LockedRun = { id: string; status: RunRow["status"]; function_id: string; memo_count: number; state_bytes: string };

/** A step a checkpoint memoises, as the batch's statements take it. */
type StepRow = {
  run_id: string;
  step_id: string;
  name: string;
  position: number;
  value: StepValue;
  duration_ms: number;
  bytes: number;
  started_at: string;
  /** The attempt log's `ops` entry. */
  op: string;
};

const writers = new WeakMap<EngineContext, GroupCommit<CheckpointBody, { recorded: number }>>();

/**
 * Records a checkpoint: each step memoised once (a retried checkpoint records nothing again), an attempt row for
 * each, and the count on the job so the call's final answer is judged against the memo it extended. A checkpoint
 * from a call that is no longer current (its job re-claimed after a lost lease, finished, or its run ended) changes
 * nothing and answers 409. Checkpoints of many runs that arrive together share one transaction (group commit), and
 * each is answered only once that transaction has committed.
 */
export async function recordCheckpoint(ctx: EngineContext, runId: string, raw: unknown): Promise<{ recorded: number }> {
  const body = parse(runId, raw);
  let writer = writers.get(ctx);
  if (!writer) {
    writer = new GroupCommit((bodies) => recordBatch(ctx, bodies));
    writers.set(ctx, writer);
  }
  return writer.submit(body);
}

/**
 * One transaction for a batch of checkpoints. Every fence is checked per checkpoint under its run's row lock, as
 * one checkpoint alone would be: a refused one gets its CheckpointError and adds nothing to what the others write.
 * The locks are taken in run id order, so two batches (or a batch and a single run's transaction) cannot deadlock
 * over the same runs; a deadlock with a transaction that locks several runs in another order is retried.
 */
async function recordBatch(ctx: EngineContext, bodies: CheckpointBody[]): Promise<({ recorded: number } | Error)[]> {
  const runIds = [...new Set(bodies.map((body) => body.run_id))].sort();
  const jobIds = [...new Set(bodies.map((body) => body.qi_id))];
  const stepIds = [...new Set(bodies.flatMap((body) => body.steps.map((op) => op.id)))];
  return transaction(
    ctx.sql,
    async (tx) => {
      const runs = await tx<LockedRun[]>`
        select id, status, function_id, memo_count, state_bytes from runs
        where id = any(${runIds}::text[]) order by id for update`;
      // After the locks, in one statement: the calls' claims, and which steps are memoised already. Read under
      // the run locks every memoize holds, so no other transaction adds to those before this one commits.
      const known = await tx<
        { job_id: string | null; run_id: string; step_id: string | null; generation: number | null }[]
      >`
        select id::text as job_id, run_id, null as step_id, generation from jobs
        where id = any(${jobIds}::bigint[]) and kind = 'call'
        union all
        select null, run_id, step_id, null from run_steps
        where run_id = any(${runIds}::text[]) and step_id = any(${stepIds}::text[]) and position is not null`;
      const runById = new Map(runs.map((run) => [run.id, { ...run, stateBytes: Number(run.state_bytes) }]));
      const jobById = new Map<string, { run_id: string; generation: number | null }>();
      const memoised = new Set<string>();
      for (const row of known) {
        if (row.job_id !== null) jobById.set(row.job_id, row);
        else memoised.add(`${row.run_id}\n${String(row.step_id)}`);
      }
      const steps: StepRow[] = [];
      const counted = new Map<string, number>();
      const answers = bodies.map((body) => {
        try {
          const run = runById.get(body.run_id);
          if (!run || run.status !== "Running")
            throw new CheckpointError(409, `run ${body.run_id} is ${run ? run.status.toLowerCase() : "unknown"}`);
          if (run.function_id !== body.fn_id)
            throw new CheckpointError(400, `run ${run.id} belongs to function ${run.function_id}, not ${body.fn_id}`);
          const job = jobById.get(body.qi_id);
          if (job?.run_id !== body.run_id || job.generation !== body.generation_id)
            throw new CheckpointError(
              409,
              `call ${body.qi_id} (generation ${String(body.generation_id)}) of run ${run.id} is no longer current`,
            );
          // Planned in full before anything is kept: a step refused at the end refuses the whole checkpoint.
          const planned = planSteps(run, body, memoised);
          for (const step of planned) {
            memoised.add(`${step.run_id}\n${step.step_id}`);
            steps.push(step);
            run.memo_count = step.position;
            run.stateBytes += step.bytes;
          }
          if (planned.length > 0) counted.set(body.qi_id, (counted.get(body.qi_id) ?? 0) + planned.length);
          return { recorded: planned.length };
        } catch (error) {
          if (error instanceof CheckpointError) return error;
          throw error;
        }
      });
      if (steps.length > 0) await writeSteps(ctx, tx, steps, runById, counted);
      return answers;
    },
    ctx.timing.dbDeadlineMs,
  );
}

/** The steps of one checkpoint still to memoise, with their positions after the run's memo. */
function planSteps(run: LockedRun & { stateBytes: number }, body: CheckpointBody, memoised: Set<string>): StepRow[] {
  const planned: StepRow[] = [];
  let position = run.memo_count;
  let stateBytes = run.stateBytes;
  for (const op of body.steps) {
    if (!RESULT_OPS.has(op.op) || memoised.has(`${run.id}\n${op.id}`)) continue;
    if (planned.some((step) => step.step_id === op.id)) continue;
    const name = op.displayName ?? op.name ?? op.id;
    const bounded = boundedStepValue(name, { data: op.data ?? null }, stateBytes);
    // The SDK goes on with the value it has: recording an error in its place would split the run's history in two.
    // Refused, the step comes back in the call's response, where the normal path records the error before any use.
    if ("error" in bounded.value)
      throw new CheckpointError(400, `${(bounded.value.error as { message: string }).message}; not checkpointed`);
    const startedMs = op.timing ? op.timing.a / 1e6 : (body.request_started_at ?? Date.now());
    const durationMs = op.timing ? Math.round(op.timing.b / 1e6) : Math.max(0, Date.now() - startedMs);
    position += 1;
    stateBytes += bounded.bytes;
    planned.push({
      run_id: run.id,
      step_id: op.id,
      name,
      position,
      value: bounded.value,
      duration_ms: durationMs,
      bytes: bounded.bytes,
      started_at: new Date(startedMs).toISOString(),
      op: `${op.op}:${op.id}`,
    });
  }
  return planned;
}

/**
 * The batch's writes in one statement whatever its size: the runs' memo counters and state sizes, the steps (over
 * a pending row a plan left, as memoize does), an attempt per step with outcome `checkpoint`, and each call job's
 * count of checkpointed steps. Data-modifying CTEs all run to completion, read or not.
 */
async function writeSteps(
  ctx: EngineContext,
  tx: Tx,
  steps: StepRow[],
  runs: Map<string, LockedRun & { stateBytes: number }>,
  counted: Map<string, number>,
) {
  const touched = [...new Set(steps.map((step) => step.run_id))].map((id) => {
    const run = runs.get(id) as LockedRun & { stateBytes: number };
    return { id, memo_count: run.memo_count, state_bytes: run.stateBytes };
  });
  const calls = [...counted].map(([id, n]) => ({ id, n }));
  await tx`
    with s as (
      select * from jsonb_to_recordset(${json(tx, steps)}) as s(run_id text, step_id text, name text, position int,
        value jsonb, duration_ms bigint, started_at timestamptz, op text)
    ),
    counters as (
      update runs r set memo_count = v.memo_count, state_bytes = v.state_bytes
      from jsonb_to_recordset(${json(tx, touched)}) as v(id text, memo_count int, state_bytes bigint)
      where r.id = v.id
    ),
    memo as (
      insert into run_steps (run_id, step_id, name, kind, status, position, value, attempts, error, ended_at, duration_ms)
      select run_id, step_id, name, 'run', 'completed', position, value, 1, null, now(), duration_ms from s
      ${memoizeOverPending(tx)}
    ),
    logged as (
      insert into attempts (run_id, step_id, attempt, engine_id, started_at, ended_at, duration_ms, http_status, outcome, ops, error)
      select run_id, step_id, 0, ${ctx.engineId}, started_at, now(), duration_ms, null, 'checkpoint', array[op], null from s
    )
    update jobs j set checkpointed = j.checkpointed + v.n
    from jsonb_to_recordset(${json(tx, calls)}) as v(id bigint, n int)
    where j.id = v.id`;
}
