import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Inngest } from "inngest";
import { afterAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/net";
import {
  finishedRun,
  startApp,
  startTestEngine,
  untilRun,
  withEngineApp,
  type TestApp,
  type TestClient,
  type TestEngine,
} from "./helpers";
import { startTsProcess, type Child } from "./processes";

/**
 * Async checkpointing as `inngest@4.24.0`'s serve() does it: one call runs the steps one after another and reports
 * each to /v1/checkpoint/{runId}/async before going on. What the engine records must survive the app dying at any
 * point, refuse a call that is no longer current, and take a retried checkpoint once.
 */

/** Calls, checkpointed steps, and checkpoint transactions (rows of one transaction share its now()). */
type Counted = { calls: number; checkpoints: number; transactions: number };

async function callsAndCheckpoints(engine: TestEngine, runId: string): Promise<Counted> {
  const [row] = await engine.sql<Counted[]>`
    select count(*) filter (where outcome <> 'checkpoint')::int as calls,
           count(*) filter (where outcome = 'checkpoint')::int as checkpoints,
           count(distinct ended_at) filter (where outcome = 'checkpoint')::int as transactions
    from attempts where run_id = ${runId}`;
  return row as Counted;
}

async function memoised(engine: TestEngine, runId: string): Promise<string[]> {
  const rows = await engine.sql<{ name: string }[]>`
    select name from run_steps where run_id = ${runId} and position is not null order by position`;
  return rows.map((r) => r.name);
}

const chainOf = (client: TestClient, id: string, onStep: (name: string) => void = () => {}, bufferedSteps?: number) =>
  client.createFunction(
    { id, triggers: [{ event: `${id}/start` }], ...(bufferedSteps ? { checkpointing: { bufferedSteps } } : {}) },
    async ({ step }) => {
      let total = 0;
      for (const name of ["one", "two", "three", "four", "five"])
        total += await step.run(name, () => {
          onStep(name);
          return name.length;
        });
      return { total };
    },
  );

describe("checkpointing on", () => {
  const ran: string[] = [];
  const get = withEngineApp(
    "cp-on",
    (client) => [chainOf(client, "chain", (name) => ran.push(name)), chainOf(client, "buffered", () => {}, 3)],
    { checkpointing: true },
  );

  it("runs a chain of five steps in one SDK call, checkpointing each step once", async () => {
    const { engine, send } = get();
    const run = await finishedRun(engine.url, await send("chain/start"));
    expect(run.status).toBe("Completed");
    expect(run.output).toEqual({ total: 3 + 3 + 5 + 4 + 4 });
    expect(ran).toEqual(["one", "two", "three", "four", "five"]);
    expect(await memoised(engine, run.run_id)).toEqual(["one", "two", "three", "four", "five"]);
    expect(await callsAndCheckpoints(engine, run.run_id)).toEqual({ calls: 1, checkpoints: 5, transactions: 5 });
  });

  it("takes a function's buffered steps in one transaction, and the rest from the call's answer", async () => {
    const { engine, send } = get();
    const run = await finishedRun(engine.url, await send("buffered/start"));
    expect(run.status).toBe("Completed");
    expect(run.output).toEqual({ total: 19 });
    expect(await memoised(engine, run.run_id)).toEqual(["one", "two", "three", "four", "five"]);
    // three steps in one checkpoint; four and five came with RunComplete in the 206
    expect(await callsAndCheckpoints(engine, run.run_id)).toEqual({ calls: 1, checkpoints: 3, transactions: 1 });
  });
});

describe("checkpointing off (ENGINE_CHECKPOINTING=0)", () => {
  const get = withEngineApp("cp-off", (client) => [chainOf(client, "chain")], { checkpointing: false });

  it("calls the app once per step and once more to finish, and takes no checkpoint", async () => {
    const { engine, send } = get();
    const run = await finishedRun(engine.url, await send("chain/start"));
    expect(run.status).toBe("Completed");
    expect(await callsAndCheckpoints(engine, run.run_id)).toEqual({ calls: 6, checkpoints: 0, transactions: 0 });
  });
});

describe("a checkpoint that is not current", () => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const get = withEngineApp(
    "cp-stale",
    (client) => [
      client.createFunction({ id: "held", triggers: [{ event: "held/start" }] }, async ({ step }) => {
        const first = await step.run("first", () => 1);
        const second = await step.run("second", async () => {
          await held;
          return 2;
        });
        return { sum: first + second };
      }),
    ],
    { checkpointing: true },
  );

  it("is refused: 409 for an earlier claim, an unknown call or an ended run, 400 for what it cannot take", async () => {
    const { engine, send } = get();
    const eventId = await send("held/start");
    const runId = await untilRun(engine, "the held step running after one checkpoint", async () => {
      const [row] = await engine.sql<{ id: string }[]>`
        select r.id from runs r where r.event_id = ${eventId} and r.memo_count = 1`;
      return row?.id;
    });
    const [job] = await engine.sql<{ id: string; generation: number; function_id: string }[]>`
      select j.id, j.generation, r.function_id from jobs j join runs r on r.id = j.run_id
      where j.run_id = ${runId} and j.kind = 'call'`;
    if (!job) throw new Error("the held call has no job");
    const post = async (body: Record<string, unknown>) => {
      const res = await fetch(`${engine.url}/v1/checkpoint/${runId}/async`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          run_id: runId,
          fn_id: job.function_id,
          qi_id: job.id,
          generation_id: job.generation,
          request_id: "test",
          steps: [{ op: "StepRun", id: "f".repeat(40), displayName: "forged", data: 9 }],
          ts: Date.now(),
          ...body,
        }),
      });
      return { status: res.status, error: ((await res.json()) as { error?: string }).error ?? "" };
    };

    expect(await post({ generation_id: job.generation - 1 })).toEqual({
      status: 409,
      error: `call ${job.id} (generation ${String(job.generation - 1)}) of run ${runId} is no longer current`,
    });
    expect((await post({ qi_id: "999999999" })).status).toBe(409);
    const planned = await post({ steps: [{ op: "StepPlanned", id: "e".repeat(40), displayName: "later" }] });
    expect(planned.status).toBe(400);
    expect(planned.error).toMatch(/checkpoints take finished steps \(StepRun\) only, not "StepPlanned"/);
    const malformed = await post({ generation_id: "one" });
    expect(malformed.status).toBe(400);
    expect(malformed.error).toMatch(/generation_id/);
    const elsewhere = await fetch(`${engine.url}/v1/checkpoint`, { method: "POST", body: "{}" });
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as { error: string }).error).toMatch(/durable endpoints .* are not served/);

    // Nothing of the refused checkpoints was recorded.
    expect(await memoised(engine, runId)).toEqual(["first"]);
    const [counted] = await engine.sql<{ checkpointed: number }[]>`select checkpointed from jobs where id = ${job.id}`;
    expect(counted?.checkpointed).toBe(1);

    release();
    const run = await finishedRun(engine.url, eventId);
    expect(run.status).toBe("Completed");
    expect(run.output).toEqual({ sum: 3 });
    expect(await memoised(engine, runId)).toEqual(["first", "second"]);
    expect(await post({})).toEqual({ status: 409, error: `run ${runId} is completed` });
  });
});

describe("a call whose job was claimed again while it ran", () => {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const executions: string[] = [];
  const get = withEngineApp(
    "cp-reclaimed",
    (client) => [
      client.createFunction({ id: "held", triggers: [{ event: "held/start" }] }, async ({ step }) => {
        const first = await step.run("first", () => {
          executions.push("first");
          return 1;
        });
        const second = await step.run("second", async () => {
          executions.push("second");
          await held;
          return 2;
        });
        return { sum: first + second };
      }),
    ],
    { checkpointing: true },
  );

  it("is stopped by the 409 its checkpoint gets, and the run goes on from the memo without failing", async () => {
    const { engine, send } = get();
    const eventId = await send("held/start");
    const runId = await untilRun(engine, "the second step running", async () => {
      const [row] = await engine.sql<{ id: string }[]>`
        select id from runs where event_id = ${eventId} and memo_count = 1`;
      return executions.includes("second") ? row?.id : undefined;
    });
    // What a claim does to the job: the same engine taking it back after its own lease lapsed during a stall.
    await engine.sql`update jobs set generation = generation + 1 where run_id = ${runId} and kind = 'call'`;
    release();
    const run = await finishedRun(engine.url, eventId);
    expect(run.status).toBe("Completed");
    expect(run.output).toEqual({ sum: 3 });
    expect(executions).toEqual(["first", "second", "second"]);
    const stale = await engine.sql<{ error: { name: string } }[]>`
      select error from attempts where run_id = ${runId} and http_status = 400`;
    expect(stale.map((a) => a.error.name)).toEqual(["StaleDispatchError"]);
  });
});

describe("a checkpoint the SDK retries", () => {
  let engine: TestEngine | undefined;
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.close();
    await engine?.close();
  });

  it("is recorded once when its first answer is lost after the commit", async () => {
    engine = await startTestEngine({ checkpointing: true });
    const posted: string[] = [];
    // The engine commits the first checkpoint; the SDK sees its connection fail and sends it again.
    const flaky: typeof fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const res = await fetch(input, init);
      if (/\/v1\/checkpoint\/[^/]+\/async$/.test(url)) {
        posted.push(url);
        if (posted.length === 1) throw new TypeError("fetch failed");
      }
      return res;
    };
    const client = new Inngest({ id: "cp-retry", isDev: true, baseUrl: engine.url, fetch: flaky });
    const ran: string[] = [];
    app = await startApp(client, [chainOf(client, "chain", (name) => ran.push(name))]);
    await engine.syncApp(app.url);
    const { ids } = await client.send({ name: "chain/start", data: {} });
    const run = await finishedRun(engine.url, ids[0] as string);
    expect(run.status).toBe("Completed");
    expect(posted.length).toBe(6);
    expect(ran).toEqual(["one", "two", "three", "four", "five"]);
    expect(await memoised(engine, run.run_id)).toEqual(["one", "two", "three", "four", "five"]);
    expect(await callsAndCheckpoints(engine, run.run_id)).toEqual({ calls: 1, checkpoints: 5, transactions: 5 });
  });
});

describe("the app killed mid-checkpoint", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }, 60_000);

  /** An engine, the chain app in its own process, and the files it logs to and waits on. */
  async function setUp() {
    const engine = await startTestEngine({ checkpointing: true });
    cleanups.push(engine.close);
    const dir = mkdtempSync(path.join(os.tmpdir(), "engine-checkpoint-"));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const logFile = path.join(dir, "executions.log");
    writeFileSync(logFile, "");
    const port = await findFreePort();
    const env = { APP_PORT: String(port), ENGINE_URL: engine.url, LOG_FILE: logFile, GATE_DIR: dir };
    const start = () => startTsProcess("tests/engine/fixtures/checkpoint-app.ts", env, /app listening/);
    const app: { current: Child } = { current: await start() };
    cleanups.push(() => app.current.kill());
    await engine.syncApp(`http://127.0.0.1:${port}/api/inngest`);
    const client = new Inngest({ id: "checkpoint-app", isDev: true, baseUrl: engine.url });
    const executions = () => readFileSync(logFile, "utf8").split("\n").filter(Boolean);
    const hold = (step: string) => writeFileSync(path.join(dir, `${step}.hold`), "");
    const unhold = (step: string) => unlinkSync(path.join(dir, `${step}.hold`));
    const restart = async () => {
      app.current = await start();
    };
    return { engine, client, app, executions, hold, unhold, restart };
  }

  const count = (executions: string[]) =>
    Object.fromEntries(["a", "b", "c", "d"].map((s) => [s, executions.filter((e) => e === s).length]));

  it("between a checkpoint and the call's answer: resumes after the last one, no checkpointed step re-run", async () => {
    const { engine, client, app, executions, hold, unhold, restart } = await setUp();
    hold("c");
    const { ids } = await client.send({ name: "chain/start", data: {} });
    await untilRun(engine, "step c running", () => Promise.resolve(executions().includes("c")));
    const [run] = await engine.sql<{ id: string }[]>`select id from runs where event_id = ${ids[0] as string}`;
    // a and b were checkpointed before c began: the SDK goes on only once a checkpoint is recorded.
    expect(await memoised(engine, run?.id ?? "")).toEqual(["a", "b"]);
    await app.current.kill();
    unhold("c");
    await restart();
    const finished = await finishedRun(engine.url, ids[0] as string);
    expect(finished.status).toBe("Completed");
    expect(finished.output).toEqual({ total: 10 });
    expect(count(executions())).toEqual({ a: 1, b: 1, c: 2, d: 1 });
  });

  it("while a checkpoint's transaction waits: refused once the call is re-claimed, its step re-run, none lost", async () => {
    const { engine, client, app, executions, hold, unhold, restart } = await setUp();
    hold("b");
    const { ids } = await client.send({ name: "chain/start", data: {} });
    await untilRun(engine, "step b running", () => Promise.resolve(executions().includes("b")));
    const [run] = await engine.sql<{ id: string; generation: number }[]>`
      select r.id, j.generation from runs r join jobs j on j.run_id = r.id and j.kind = 'call'
      where r.event_id = ${ids[0] as string}`;
    if (!run) throw new Error("no run with a call in flight");
    // The run's row lock, held here, keeps b's checkpoint transaction waiting after the SDK posted it.
    const locker = await engine.sql.reserve();
    cleanups.push(() => {
      locker.release();
      return Promise.resolve();
    });
    await locker`begin`;
    await locker`select id from runs where id = ${run.id} for update`;
    unhold("b");
    await untilRun(engine, "b's checkpoint waiting on the run's lock", async () => {
      const [row] = await engine.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`;
      return (row?.n ?? 0) > 0;
    });
    await app.current.kill();
    // The dead call's job is claimed again meanwhile: the checkpoint in flight now names an earlier claim.
    await untilRun(engine, "the call re-claimed", async () => {
      const [job] = await engine.sql<{ generation: number }[]>`
        select generation from jobs where run_id = ${run.id} and kind = 'call'`;
      return (job?.generation ?? 0) > run.generation;
    });
    await locker`rollback`;
    expect(await memoised(engine, run.id)).toEqual(["a"]);
    await restart();
    const finished = await finishedRun(engine.url, ids[0] as string);
    expect(finished.status).toBe("Completed");
    expect(finished.output).toEqual({ total: 10 });
    expect(count(executions())).toEqual({ a: 1, b: 2, c: 1, d: 1 });
    expect(await memoised(engine, run.id)).toEqual(["a", "b", "c", "d"]);
  });
});
