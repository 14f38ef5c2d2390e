import { z } from "zod";
import type { EngineContext } from "./context";
import { transaction, type Tx } from "./db";
import { boundedStepValue } from "./limits";
import { memoize } from "./store/steps";
import { lockRun } from "./store/runs";
import type { RunRow } from "./types";

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
type CheckpointOp = z.infer<typeof opSchema>;

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

/** The call job a checkpoint names, if that claim of it is still the current one. */
async function currentCall(tx: Tx, body: CheckpointBody): Promise<{ id: string } | undefined> {
  const [job] = await tx<{ id: string }[]>`
    select id from jobs
    where id = ${body.qi_id} and run_id = ${body.run_id} and kind = 'call' and generation = ${body.generation_id}`;
  return job;
}

/**
 * Records a checkpoint in one transaction: each step memoised once (a retried checkpoint records nothing again),
 * an attempt row for each, and the count on the job so the call's final answer is judged against the memo it
 * extended. A checkpoint from a call that is no longer current (its job re-claimed after a lost lease, finished,
 * or its run ended) changes nothing and answers 409.
 */
export async function recordCheckpoint(ctx: EngineContext, runId: string, raw: unknown): Promise<{ recorded: number }> {
  const body = parse(runId, raw);
  return transaction(
    ctx.sql,
    async (tx) => {
      const run = await lockRun(tx, runId);
      if (!run || run.status !== "Running")
        throw new CheckpointError(409, `run ${runId} is ${run ? run.status.toLowerCase() : "unknown"}`);
      if (run.function_id !== body.fn_id)
        throw new CheckpointError(400, `run ${runId} belongs to function ${run.function_id}, not ${body.fn_id}`);
      const job = await currentCall(tx, body);
      if (!job)
        throw new CheckpointError(
          409,
          `call ${body.qi_id} (generation ${String(body.generation_id)}) of run ${runId} is no longer current`,
        );
      let recorded = 0;
      let stateBytes = Number(run.state_bytes);
      for (const op of body.steps) {
        if (!RESULT_OPS.has(op.op)) continue;
        const bytes = await recordStep(ctx, tx, run, op, body, stateBytes);
        if (bytes === undefined) continue;
        stateBytes += bytes;
        recorded += 1;
      }
      if (recorded > 0) await tx`update jobs set checkpointed = checkpointed + ${recorded} where id = ${job.id}`;
      return { recorded };
    },
    ctx.timing.dbDeadlineMs,
  );
}

/** Memoises one finished step and logs it as an attempt; undefined when it was recorded before. */
async function recordStep(
  ctx: EngineContext,
  tx: Tx,
  run: RunRow,
  op: CheckpointOp,
  body: CheckpointBody,
  stateBytes: number,
): Promise<number | undefined> {
  const name = op.displayName ?? op.name ?? op.id;
  const value = { data: op.data ?? null };
  const bounded = boundedStepValue(name, value, stateBytes);
  // The SDK goes on with the value it has: recording an error in its place would split the run's history in two.
  // Refused, the step comes back in the call's response, where the normal path records the error before any use.
  if ("error" in bounded.value)
    throw new CheckpointError(400, `${(bounded.value.error as { message: string }).message}; not checkpointed`);
  const startedMs = op.timing ? op.timing.a / 1e6 : (body.request_started_at ?? Date.now());
  const durationMs = op.timing ? Math.round(op.timing.b / 1e6) : Math.max(0, Date.now() - startedMs);
  const info = { name, kind: "run", attempts: 1, durationMs, bytes: bounded.bytes };
  if (!(await memoize(tx, run.id, op.id, value, info))) return undefined;
  await tx`
    insert into attempts (run_id, step_id, attempt, engine_id, started_at, ended_at, duration_ms, http_status, outcome, ops, error)
    values (${run.id}, ${op.id}, 0, ${ctx.engineId}, ${new Date(startedMs)}, now(), ${durationMs}, null, 'checkpoint',
            ${[`${op.op}:${op.id}`]}, null)`;
  return bounded.bytes;
}
