import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_RUN_STATE_BYTES } from "@/engine/limits";
import { answerCall, answerInline, type AnswerCall, type InlineStep } from "@/engine/store/answer";
import type { JobRow } from "@/engine/types";
import { startTestEngine, type TestEngine } from "./helpers";

/**
 * The usual answer (a discovery that ran one step inline) is applied in one statement, `answer_call`; anything it
 * cannot apply whole it must decline having written nothing, since the engine then applies the answer itself.
 * Rows are made by hand; the test engine has no worker places, so it never claims them.
 */

let engine: TestEngine;
const OWNER = "answer-test-engine";
let n = 0;
let runId: string;
let job: JobRow;

beforeAll(async () => {
  engine = await startTestEngine({ workers: 0 });
});

afterAll(async () => {
  await engine.close();
});

beforeEach(async () => {
  n += 1;
  runId = `answer-run-${n}`;
  await engine.sql`
    insert into runs (id, function_id, app_id, status, event, events, max_attempts)
    values (${runId}, 'answer-fn', 'answer-app', 'Running', '{}'::jsonb, '[]'::jsonb, 3)`;
  job = await callJob(`call:${runId}`, OWNER);
});

async function callJob(key: string, owner: string): Promise<JobRow> {
  const [row] = await engine.sql<JobRow[]>`
    insert into jobs (job_key, run_id, kind, step_id, run_at, lease_owner, lease_until, generation)
    values (${key}, ${runId}, 'call', 'step', now() + interval '1 hour', ${owner}, now() + interval '1 hour', 1)
    returning id::text as id, job_key, run_id, kind, step_id, attempt, payload, generation`;
  if (!row) throw new Error("no job inserted");
  return row;
}

function answer(): AnswerCall {
  return {
    job,
    owner: OWNER,
    attempt: {
      run_id: runId,
      step_id: "step",
      attempt: 0,
      engine_id: OWNER,
      started_at: new Date(),
      duration_ms: 3,
      http_status: 206,
      outcome: "ops",
      ops: ["StepRun:s1"],
      error: null,
    },
    firstCallAt: new Date(),
    tookSlots: false,
  };
}

function step(overrides: Partial<InlineStep> = {}): InlineStep {
  return {
    id: "s1",
    name: "first",
    value: { data: { total: 1 } },
    bytes: 16,
    durationMs: 3,
    memoCount: 0,
    reqVersion: -1,
    answeredVersion: -1,
    maxState: MAX_RUN_STATE_BYTES,
    discoveryKey: `disc:${runId}`,
    ...overrides,
  };
}

/** Everything a declined answer must have left alone. */
async function snapshot() {
  const [run] =
    await engine.sql`select status, memo_count, state_bytes::text, first_call_at, req_version from runs where id = ${runId}`;
  const jobs = await engine.sql`select id::text, job_key, lease_owner from jobs where run_id = ${runId} order by id`;
  const steps =
    await engine.sql`select step_id, position, value from run_steps where run_id = ${runId} order by step_id`;
  const attempts = await engine.sql`select step_id, outcome from attempts where run_id = ${runId}`;
  return { run, jobs, steps, attempts };
}

describe("answer_call", () => {
  it("applies a discovery's inline step whole: the job off the queue, the attempt, the memo and the next discovery leased to this engine", async () => {
    const handed: JobRow[] = [];
    const result = await answerInline(engine.sql, answer(), step(), {
      owner: OWNER,
      leaseMs: 60_000,
      hand: (j) => handed.push(j),
    });
    expect(result.applied).toBe(true);
    expect(result.next?.job).toEqual(handed[0]);
    const after = await snapshot();
    expect(after.run).toMatchObject({ memo_count: 1, state_bytes: "16" });
    expect(after.run?.first_call_at).not.toBeNull();
    expect(after.steps).toEqual([{ step_id: "s1", position: 1, value: { data: { total: 1 } } }]);
    expect(after.attempts).toEqual([{ step_id: "step", outcome: "ops" }]);
    expect(after.jobs).toEqual([{ id: handed[0]?.id, job_key: `disc:${runId}`, lease_owner: OWNER }]);
    expect(handed[0]).toMatchObject({ kind: "call", step_id: "step", run_id: runId, generation: 1, attempt: 0 });
  });

  it("sets the request version a run's first answer names, which the run has none of until then", async () => {
    expect((await answerInline(engine.sql, answer(), step({ answeredVersion: 2 }))).applied).toBe(true);
    expect((await snapshot()).run).toMatchObject({ memo_count: 1, req_version: 2 });
  });

  it("queues the next discovery unleased, for any engine to claim, when this engine has no place for it", async () => {
    const result = await answerInline(engine.sql, answer(), step());
    expect(result).toEqual({ applied: true });
    const [next] = await engine.sql`select lease_owner from jobs where run_id = ${runId}`;
    expect(next).toEqual({ lease_owner: null });
  });

  it("queues no discovery while another step is pending: that step's answer will", async () => {
    await engine.sql`insert into run_steps (run_id, step_id, kind, status) values (${runId}, 'sleeper', 'sleep', 'sleeping')`;
    expect((await answerInline(engine.sql, answer(), step())).applied).toBe(true);
    expect(await engine.sql`select 1 from jobs where run_id = ${runId}`).toHaveLength(0);
  });

  it("gives back the concurrency slots its call took; a call that took none leaves a slot to lapse with its lease", async () => {
    const slots = () => engine.sql`select key from concurrency_slots where job_id = ${job.id} order by key`;
    await engine.sql`insert into concurrency_slots (key, job_id, lease_until)
                     values ('answer-key-a', ${job.id}, now() + interval '1 minute'),
                            ('answer-key-b', ${job.id}, now() + interval '1 minute')`;
    expect((await answerInline(engine.sql, { ...answer(), tookSlots: true }, step())).applied).toBe(true);
    expect(await slots()).toEqual([]);

    // A slot an earlier, crashed attempt of the job took: this call ran without taking slots.
    job = await callJob(`call-again:${runId}`, OWNER);
    await engine.sql`insert into concurrency_slots (key, job_id, lease_until) values ('answer-key-a', ${job.id}, now())`;
    expect((await answerInline(engine.sql, answer(), step({ id: "s2", memoCount: 1 }))).applied).toBe(true);
    expect(await slots()).toEqual([{ key: "answer-key-a" }]);
  });

  it("finds a run's pending steps through their own index, not by reading each of the run's steps", async () => {
    const plan = await engine.sql.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx<{ "QUERY PLAN": string }[]>`
        explain select 1 from run_steps where run_id = ${runId} and position is null and status <> 'abandoned'`;
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("run_steps_pending_idx");
  });

  const declined: Array<[string, () => Promise<InlineStep>]> = [
    [
      "the run has ended",
      async () => (await engine.sql`update runs set status = 'Cancelled' where id = ${runId}`, step()),
    ],
    [
      "another step was memoised during the call (the memo it was sent is stale)",
      async () => (await engine.sql`update runs set memo_count = 1 where id = ${runId}`, step()),
    ],
    ["the run's request version changed", () => Promise.resolve(step({ reqVersion: 2 }))],
    ["the step would take the run's state over its limit", () => Promise.resolve(step({ maxState: 10 }))],
    [
      "the step is memoised already",
      async () => (
        await engine.sql`insert into run_steps (run_id, step_id, kind, status, position, value)
                         values (${runId}, 's1', 'run', 'completed', 1, '{"data":0}'::jsonb)`,
        step({ memoCount: 0 })
      ),
    ],
    [
      "the job's lease went to another engine",
      async () => (await engine.sql`update jobs set lease_owner = 'another-engine' where id = ${job.id}`, step()),
    ],
    [
      "the call's checkpoints memoised steps",
      async () => (await engine.sql`update jobs set checkpointed = 2 where id = ${job.id}`, step()),
    ],
  ];
  it.each(declined)("declines, writing nothing, when %s", async (_, arrange) => {
    const inline = await arrange();
    const before = await snapshot();
    const handed: JobRow[] = [];
    const result = await answerInline(engine.sql, answer(), inline, {
      owner: OWNER,
      leaseMs: 60_000,
      hand: (j) => handed.push(j),
    });
    expect(result).toEqual({ applied: false });
    expect(handed).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("in a transaction holding the run, takes the job off the queue and logs the attempt, or writes nothing once the job is another engine's", async () => {
    const checkpointed = await engine.sql.begin(async (tx) => {
      await tx`select id from runs where id = ${runId} for update`;
      return answerCall(tx, answer());
    });
    expect(checkpointed).toBe(0);
    expect((await snapshot()).attempts).toHaveLength(1);
    expect(await engine.sql`select 1 from jobs where id = ${job.id}`).toHaveLength(0);

    job = await callJob(`call2:${runId}`, "another-engine");
    const before = await snapshot();
    const lost = await engine.sql.begin((tx) => answerCall(tx, answer()));
    expect(lost).toBeUndefined();
    expect(await snapshot()).toEqual(before);
  });
});
