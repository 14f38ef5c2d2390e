import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedRun, runWaiting, startApp, startTestEngine, until, type TestApp, type TestEngine } from "./helpers";

let engine: TestEngine;
let app: TestApp;
let client: Inngest.Any;
const executions: Record<string, number> = {};
const count = (name: string) => {
  executions[name] = (executions[name] ?? 0) + 1;
};

beforeAll(async () => {
  engine = await startTestEngine();
  client = new Inngest({ id: "steps-app", isDev: true, baseUrl: engine.url });
  const sequence = client.createFunction(
    { id: "sequence", triggers: [{ event: "test/sequence" }] },
    async ({ event, step }) => {
      const a = await step.run("a", () => {
        count(`a:${event.data.k}`);
        return { v: (event.data.x as number) + 1 };
      });
      const b = await step.run("b", () => {
        count(`b:${event.data.k}`);
        return a.v * 10;
      });
      return { a, b };
    },
  );
  const parallel = client.createFunction(
    { id: "parallel", triggers: [{ event: "test/parallel" }] },
    async ({ step }) => {
      const [x, y, z] = await Promise.all([
        step.run("x", () => "X"),
        step.run("y", () => "Y"),
        step.run("z", () => "Z"),
      ]);
      const after = await step.run("after", () => `${x}${y}${z}`);
      return after;
    },
  );
  const race = client.createFunction({ id: "race", triggers: [{ event: "test/race" }] }, async ({ step }) => {
    const winner = await Promise.race([
      step.run("slow", () => new Promise<string>((resolve) => setTimeout(() => resolve("slow"), 400))),
      step.run("fast", () => "fast"),
    ]);
    return winner;
  });
  const sleeper = client.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
    await step.sleep("nap", "2s");
    await step.sleepUntil("until", new Date(Date.now() + 1000));
    return "rested";
  });
  const waiter = client.createFunction({ id: "waiter", triggers: [{ event: "test/wait" }] }, async ({ step }) => {
    // `match` is sugar the SDK turns into an `if` expression; apps use it, so the engine must honour it.
    const approved = await step.waitForEvent("approval", {
      event: "test/approved",
      timeout: "1h",
      match: "data.orderId",
    });
    return approved?.data ?? null;
  });
  const waiterIf = client.createFunction(
    { id: "waiter-if", triggers: [{ event: "test/wait-if" }] },
    async ({ event, step }) => {
      const got = await step.waitForEvent("big", {
        event: "test/amount",
        timeout: "1h",
        if: `async.data.amount > 100 && async.data.user == '${event.data.user as string}'`,
      });
      return (got?.data.amount as number | undefined) ?? null;
    },
  );
  const waiterKeyed = client.createFunction(
    { id: "waiter-keyed", triggers: [{ event: "test/wait-keyed" }] },
    async ({ step }) => {
      const got = await step.waitForEvent("paid", {
        event: "test/paid",
        timeout: "1h",
        if: "event.data.orderId == async.data.orderId && async.data.amount > 100",
      });
      return (got?.data.amount as number | undefined) ?? null;
    },
  );
  const timeout = client.createFunction(
    { id: "wait-timeout", triggers: [{ event: "test/wait-timeout" }] },
    async ({ step }) => {
      const got = await step.waitForEvent("never", { event: "test/never", timeout: "3s" });
      return { got };
    },
  );
  const sender = client.createFunction(
    { id: "sender", triggers: [{ event: "test/send" }] },
    async ({ event, step }) => {
      const sent = await step.sendEvent("emit", { name: "test/sent", data: { from: event.data.k as string } });
      return sent.ids.length;
    },
  );
  const receiver = client.createFunction({ id: "receiver", triggers: [{ event: "test/sent" }] }, ({ event }) => {
    return `got ${event.data.from as string}`;
  });
  const child = client.createFunction(
    { id: "child", triggers: [{ event: "test/child-never" }] },
    async ({ event, step }) => {
      const doubled = await step.run("double", () => (event.data.n as number) * 2);
      return { doubled };
    },
  );
  const parent = client.createFunction(
    { id: "parent", triggers: [{ event: "test/invoke" }] },
    async ({ event, step }) => {
      const result = await step.invoke("call-child", { function: child, data: { n: event.data.n as number } });
      return result;
    },
  );
  app = await startApp(client, [
    sequence,
    parallel,
    race,
    sleeper,
    waiter,
    waiterIf,
    waiterKeyed,
    timeout,
    sender,
    receiver,
    child,
    parent,
  ]);
  await engine.syncApp(app.url);
});

afterAll(async () => {
  await app.close();
  await engine.close();
});

const send = async (name: string, data: Record<string, unknown> = {}) => {
  const { ids } = await client.send({ name, data });
  return ids[0] as string;
};

describe("steps", () => {
  it("runs step.run in sequence, memoising each step so it executes once", async () => {
    const id = await send("test/sequence", { x: 1, k: "s1" });
    const run = await finishedRun(engine.url, id);
    expect(run).toMatchObject({ status: "Completed", output: { a: { v: 2 }, b: 20 } });
    expect(executions["a:s1"]).toBe(1);
    expect(executions["b:s1"]).toBe(1);
  });

  it("runs Promise.all steps in parallel and resumes after all of them", async () => {
    const run = await finishedRun(engine.url, await send("test/parallel"));
    expect(run).toMatchObject({ status: "Completed", output: "XYZ" });
  });

  it("resolves Promise.race with the step that finished first (completion-order stack)", async () => {
    const run = await finishedRun(engine.url, await send("test/race"));
    expect(run).toMatchObject({ status: "Completed", output: "fast" });
  });

  it("sleeps with step.sleep and step.sleepUntil", async () => {
    const run = await finishedRun(engine.url, await send("test/sleep"));
    expect(run).toMatchObject({ status: "Completed", output: "rested" });
  });

  it("resumes waitForEvent on a matching event only, never on one sent before the wait", async () => {
    await send("test/approved", { orderId: "o1", ok: "early" });
    const id = await send("test/wait", { orderId: "o1" });
    await runWaiting(engine, id);
    await send("test/approved", { orderId: "other", ok: "wrong" });
    await send("test/approved", { orderId: "o1", ok: "right" });
    const run = await finishedRun(engine.url, id);
    expect(run).toMatchObject({ status: "Completed", output: { orderId: "o1", ok: "right" } });
  });

  it("matches waitForEvent with an if expression", async () => {
    const id = await send("test/wait-if", { user: "u1" });
    await runWaiting(engine, id);
    await send("test/amount", { user: "u1", amount: 50 });
    await send("test/amount", { user: "u2", amount: 500 });
    await send("test/amount", { user: "u1", amount: 150 });
    expect(await finishedRun(engine.url, id)).toMatchObject({ status: "Completed", output: 150 });
  });

  it("keys a wait whose if is a comparison with the run's event && more, and still checks the rest", async () => {
    const id = await send("test/wait-keyed", { orderId: "k1" });
    const runId = await runWaiting(engine, id);
    // Stored keyed, so an event reads only the waits on its own order id (engine/pause-match.ts).
    const [pause] = await engine.sql`select match_path, match_value from pauses where run_id = ${runId}`;
    expect(pause).toEqual({ match_path: "data.orderId", match_value: '"k1"' });
    await send("test/paid", { orderId: "k2", amount: 500 });
    await send("test/paid", { orderId: "k1", amount: 50 });
    await send("test/paid", { orderId: "k1", amount: 150 });
    expect(await finishedRun(engine.url, id)).toMatchObject({ status: "Completed", output: 150 });
  });

  it("returns null from waitForEvent on timeout", async () => {
    const run = await finishedRun(engine.url, await send("test/wait-timeout"));
    expect(run).toMatchObject({ status: "Completed", output: { got: null } });
  });

  it("sends events from step.sendEvent that trigger other functions", async () => {
    const id = await send("test/send", { k: "k1" });
    expect(await finishedRun(engine.url, id)).toMatchObject({ status: "Completed", output: 1 });
    const received = await until("the run the sent event started", async () => {
      const rows = await engine.sql<{ status: string; output: unknown }[]>`
        select status, output from runs where function_id = 'steps-app-receiver' and event->'data'->>'from' = 'k1'`;
      return rows[0]?.status === "Completed" ? rows[0] : undefined;
    });
    expect(received.output).toBe("got k1");
  });

  it("invokes another function with step.invoke and returns its output", async () => {
    const run = await finishedRun(engine.url, await send("test/invoke", { n: 21 }), "steps-app-parent");
    expect(run).toMatchObject({ status: "Completed", output: { doubled: 42 } });
  });
});
