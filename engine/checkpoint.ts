import { z } from "zod";
import type { EngineContext } from "./context";
import { json, statement } from "./db";
import { GroupCommit } from "./group-commit";
import { boundedStepValue, MAX_RUN_STATE_BYTES, outputTooLargeError } from "./limits";

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

/** What record_checkpoints (engine migration 11) takes for each finished step. */
type StepRecord = {
  id: string;
  name: string;
  op: string;
  value: { data: unknown };
  bytes: number;
  started_ms: number;
  duration_ms: number;
};

/** One checkpoint as record_checkpoints takes it. */
type Item = { run: string; fn: string; job: string; generation: number; steps: StepRecord[] };

type Outcome =
  | { recorded: number }
  | { refused: "unknown" | "completed" | "failed" | "cancelled" | "stale" }
  | { refused: "function"; function_id: string }
  | { refused: "state"; name: string; bytes: number };

const writers = new WeakMap<EngineContext, GroupCommit<Item, Outcome>>();

/** The engine's checkpoint writer: checkpoints that arrive while one is being written share the next commit. */
function writer(ctx: EngineContext): GroupCommit<Item, Outcome> {
  let found = writers.get(ctx);
  if (!found) {
    found = new GroupCommit((items) => writeCheckpoints(ctx, items));
    writers.set(ctx, found);
  }
  return found;
}

/** Runs are locked in id order, so two batches (two engines) never wait on each other's runs in a cycle. */
async function writeCheckpoints(ctx: EngineContext, items: Item[]): Promise<Outcome[]> {
  const order = items.map((item, index) => ({ item, index })).sort((a, b) => (a.item.run < b.item.run ? -1 : 1));
  const sorted = order.map((entry) => entry.item);
  const outcomes = await statement(
    ctx.sql,
    async (sql) => {
      const [row] = await sql<{ outcomes: Outcome[] }[]>`
        select record_checkpoints(${json(sql, sorted)}, ${ctx.engineId}, ${MAX_RUN_STATE_BYTES}) as outcomes`;
      if (row?.outcomes.length !== items.length) throw new Error("record_checkpoints answered for other checkpoints");
      return row.outcomes;
    },
    ctx.timing.dbDeadlineMs,
  );
  const answers: Outcome[] = new Array<Outcome>(items.length);
  order.forEach((entry, position) => (answers[entry.index] = outcomes[position] as Outcome));
  return answers;
}

/**
 * Records a checkpoint, atomic as a transaction of its own: each step memoised once (a retried checkpoint records
 * nothing again), an attempt row for each, and the count on the job so the call's final answer is judged against
 * the memo it extended. A checkpoint from a call that is no longer current (its job re-claimed after a lost lease,
 * finished, or its run ended) changes nothing and answers 409. It is answered once committed, with those of other
 * runs that arrived meanwhile (engine/group-commit.ts).
 */
export async function recordCheckpoint(ctx: EngineContext, runId: string, raw: unknown): Promise<{ recorded: number }> {
  const body = parse(runId, raw);
  const steps = body.steps.filter((op) => RESULT_OPS.has(op.op)).map((op) => stepRecord(op, body));
  const outcome = await writer(ctx).submit({
    run: runId,
    fn: body.fn_id,
    job: body.qi_id,
    generation: body.generation_id,
    steps,
  });
  if ("recorded" in outcome) return { recorded: outcome.recorded };
  switch (outcome.refused) {
    case "state": {
      // The SDK goes on with the value it has: recording an error in its place would split the run's history in
      // two. Refused, the step comes back in the call's response, where the normal path records the error first.
      const what = `The run's state with the output of step "${outcome.name}"`;
      const { message } = outputTooLargeError(what, outcome.bytes, MAX_RUN_STATE_BYTES);
      throw new CheckpointError(400, `${message}; not checkpointed`);
    }
    case "function":
      throw new CheckpointError(400, `run ${runId} belongs to function ${outcome.function_id}, not ${body.fn_id}`);
    case "stale":
      throw new CheckpointError(
        409,
        `call ${body.qi_id} (generation ${String(body.generation_id)}) of run ${runId} is no longer current`,
      );
    default:
      throw new CheckpointError(409, `run ${runId} is ${outcome.refused}`);
  }
}

/** One finished step as the statement records it; a value over the per-step limit is refused before any write. */
function stepRecord(op: CheckpointOp, body: CheckpointBody): StepRecord {
  const name = op.displayName ?? op.name ?? op.id;
  const value = { data: op.data ?? null };
  // The run's whole state is checked in the statement, against what it holds then; one step's size is known here.
  const bounded = boundedStepValue(name, value, 0);
  if ("error" in bounded.value)
    throw new CheckpointError(400, `${(bounded.value.error as { message: string }).message}; not checkpointed`);
  const startedMs = op.timing ? op.timing.a / 1e6 : (body.request_started_at ?? Date.now());
  const durationMs = op.timing ? Math.round(op.timing.b / 1e6) : Math.max(0, Math.round(Date.now() - startedMs));
  return {
    id: op.id,
    name,
    op: `${op.op}:${op.id}`,
    value,
    bytes: bounded.bytes,
    started_ms: startedMs,
    duration_ms: durationMs,
  };
}
