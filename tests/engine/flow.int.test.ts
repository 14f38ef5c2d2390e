import { Inngest, invoke } from "inngest";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  finishedRun,
  finishedRuns,
  runWaiting,
  startApp,
  startTestEngine,
  until,
  type TestApp,
  type TestEngine,
} from "./helpers";

let engine: TestEngine;
let app: TestApp;
let client: Inngest.Any;
const active: Record<string, number> = {};
const peak: Record<string, number> = {};

beforeAll(async () => {
  engine = await startTestEngine();
  client = new Inngest({ id: "flow", isDev: true, baseUrl: engine.url });
  const limited = client.createFunction(
    { id: "limited", concurrency: { limit: 1, key: "event.data.tenant" }, triggers: [{ event: "flow/limited" }] },
    async ({ event, step }) => {
      const tenant = event.data.tenant as string;
      await step.run("work", async () => {
        active[tenant] = (active[tenant] ?? 0) + 1;
        peak[tenant] = Math.max(peak[tenant] ?? 0, active[tenant]);
        await new Promise((r) => setTimeout(r, 30));
        active[tenant] = (active[tenant] ?? 1) - 1;
      });
      return tenant;
    },
  );
  // Two functions under one account-scoped key: the limit spans both.
  const sharedLimit = { limit: 1, key: "'shared-pool'", scope: "account" as const };
  const shared = ["shared-a", "shared-b"].map((id) =>
    client.createFunction({ id, concurrency: sharedLimit, triggers: [{ event: "flow/shared" }] }, async ({ step }) => {
      await step.run("work", async () => {
        active.shared = (active.shared ?? 0) + 1;
        peak.shared = Math.max(peak.shared ?? 0, active.shared);
        await new Promise((r) => setTimeout(r, 30));
        active.shared -= 1;
      });
      return id;
    }),
  );
  const gated = client.createFunction(
    { id: "gated", concurrency: 1, triggers: [{ event: "flow/gated" }] },
    async ({ event, step }) => {
      const n = event.data.n as number;
      await step.run("before", () => n);
      await step.waitForEvent("gate", { event: "flow/open", timeout: "1h", if: "event.data.n == async.data.n" });
      return step.run("after", () => n);
    },
  );
  const throttled = client.createFunction(
    { id: "throttled", throttle: { limit: 1, period: "20s" }, triggers: [{ event: "flow/throttled" }] },
    ({ event }) => event.data.n as number,
  );
  // Invoke-only (the SDK syncs it with no triggers) and throttled: invocations wait their turn as events do.
  const throttledInvoked = client.createFunction(
    {
      id: "throttled-invoked",
      throttle: { limit: 1, period: "20s", key: "event.data.provider" },
      triggers: [invoke(z.object({ provider: z.string(), n: z.number() }))],
    },
    ({ event }) => event.data.n,
  );
  const invokesThrottled = client.createFunction(
    { id: "invokes-throttled", triggers: [{ event: "flow/invoke-throttled" }] },
    async ({ step }) =>
      Promise.all(
        [0, 1, 2].map((n) =>
          step.invoke(`call-${String(n)}`, { function: throttledInvoked, data: { provider: "p", n } }),
        ),
      ),
  );
  const rateLimited = client.createFunction(
    {
      id: "rate-limited",
      rateLimit: { limit: 1, period: "1h", key: "event.data.user" },
      triggers: [{ event: "flow/rate" }],
    },
    ({ event }) => event.data.user as string,
  );
  const idempotent = client.createFunction(
    { id: "idempotent", idempotency: "event.data.orderId", triggers: [{ event: "flow/idem" }] },
    ({ event }) => event.data.orderId as string,
  );
  const cancellable = client.createFunction(
    {
      id: "cancellable",
      cancelOn: [{ event: "flow/cancel", if: "event.data.id == async.data.id" }],
      triggers: [{ event: "flow/cancellable" }],
    },
    async ({ step }) => {
      await step.sleep("long", "1h");
      return "not cancelled";
    },
  );
  const debounced = client.createFunction(
    { id: "debounced", debounce: { period: "1m", key: "event.data.user" }, triggers: [{ event: "flow/debounce" }] },
    ({ event }) => event.data.n as number,
  );
  const slow = client.createFunction(
    { id: "slow", timeouts: { finish: "10s" }, triggers: [{ event: "flow/slow" }] },
    async ({ step }) => {
      await step.sleep("forever", "1h");
      return "finished";
    },
  );
  const lateStart = client.createFunction(
    {
      id: "late-start",
      timeouts: { start: "2m" },
      throttle: { limit: 1, period: "1h" },
      triggers: [{ event: "flow/late" }],
    },
    ({ event }) => event.data.n as number,
  );
  const singletons = (["skip", "cancel"] as const).map((mode) =>
    client.createFunction(
      {
        id: `single-${mode}`,
        singleton: { key: "event.data.user", mode },
        triggers: [{ event: `flow/single-${mode}` }],
      },
      async ({ event, step }) => {
        await step.waitForEvent("hold", { event: "flow/release", timeout: "1h", if: "event.data.n == async.data.n" });
        return event.data.n as number;
      },
    ),
  );
  app = await startApp(client, [
    slow,
    lateStart,
    ...singletons,
    limited,
    ...shared,
    gated,
    throttled,
    throttledInvoked,
    invokesThrottled,
    rateLimited,
    idempotent,
    cancellable,
    debounced,
  ]);
  await engine.syncApp(app.url);
});

afterAll(async () => {
  await app.close();
  await engine.close();
});

const send = async (name: string, data: Record<string, unknown>) =>
  (await client.send({ name, data })).ids[0] as string;
const runsOf = (fn: string) => engine.sql<
  { id: string; status: string; output: unknown; event: { data: Record<string, unknown> } }[]
>`
  select id, status, output, event from runs where function_id = ${`flow-${fn}`} order by id`;

describe("flow control", () => {
  it("limits concurrent step execution per concurrency key", async () => {
    const ids = await Promise.all(
      ["a", "a", "a", "a", "b", "b", "b"].map((tenant) => send("flow/limited", { tenant })),
    );
    for (const id of ids) expect((await finishedRun(engine.url, id)).status).toBe("Completed");
    expect(peak).toMatchObject({ a: 1, b: 1 });
  });

  it("shares an account-scoped concurrency key across functions", async () => {
    const ids = await Promise.all([1, 2, 3].map(() => send("flow/shared", {})));
    for (const id of ids) {
      const runs = await finishedRuns(engine.url, id, 2);
      expect(runs.map((r) => r.status)).toEqual(["Completed", "Completed"]);
    }
    expect(peak.shared).toBe(1);
  });

  it("holds no concurrency slot while a run waits", async () => {
    const first = await send("flow/gated", { n: 1 });
    await runWaiting(engine, first);
    const second = await send("flow/gated", { n: 2 });
    await runWaiting(engine, second);
    await send("flow/open", { n: 2 });
    expect(await finishedRun(engine.url, second)).toMatchObject({ status: "Completed", output: 2 });
    await send("flow/open", { n: 1 });
    expect(await finishedRun(engine.url, first)).toMatchObject({ status: "Completed", output: 1 });
  });

  it("throttles run starts to the limit per period, delaying rather than dropping", async () => {
    const ids = [];
    const sentAt = Date.now();
    for (let n = 0; n < 3; n++) ids.push(await send("flow/throttled", { n }));
    for (const id of ids) expect((await finishedRun(engine.url, id)).status).toBe("Completed");
    const starts = await engine.sql<{ first: Date }[]>`
      select min(a.started_at) as first from attempts a join runs r on r.id = a.run_id
      where r.function_id = 'flow-throttled' group by a.run_id order by first`;
    expect(starts).toHaveLength(3);
    // One start per 20 s scaled by 0.01 = 200 ms, so the third cannot start before 400 ms after the first send:
    // a floor the engine enforces, however slow the machine.
    expect((starts[2]?.first.getTime() ?? 0) - sentAt).toBeGreaterThanOrEqual(390);
  });

  it("throttles invoked runs too, so a function shared by many invokers keeps its pace", async () => {
    const sentAt = Date.now();
    const run = await finishedRun(engine.url, await send("flow/invoke-throttled", {}), "flow-invokes-throttled");
    expect(run).toMatchObject({ status: "Completed", output: [0, 1, 2] });
    const starts = await engine.sql<{ first: Date }[]>`
      select min(a.started_at) as first from attempts a join runs r on r.id = a.run_id
      where r.function_id = 'flow-throttled-invoked' group by a.run_id order by first`;
    expect(starts).toHaveLength(3);
    expect((starts[2]?.first.getTime() ?? 0) - sentAt).toBeGreaterThanOrEqual(390);
  });

  it("drops events over the rate limit, per key", async () => {
    for (const user of ["u1", "u1", "u1", "u2"]) await send("flow/rate", { user });
    const runs = await until("two rate-limited runs", async () => {
      const rows = await runsOf("rate-limited");
      return rows.length >= 2 && rows.every((r) => r.status === "Completed") ? rows : undefined;
    });
    expect(runs.map((r) => r.output).sort()).toEqual(["u1", "u2"]);
  });

  it("starts one run per idempotency key within 24 h", async () => {
    const first = await send("flow/idem", { orderId: "x1" });
    await send("flow/idem", { orderId: "x1" });
    await finishedRun(engine.url, first);
    const other = await send("flow/idem", { orderId: "x2" });
    await finishedRun(engine.url, other);
    expect((await runsOf("idempotent")).map((r) => r.output).sort()).toEqual(["x1", "x2"]);
  });

  it("cancels a run on a matching cancelOn event only", async () => {
    const id = await send("flow/cancellable", { id: "c1" });
    await runWaiting(engine, id, "sleeping");
    await send("flow/cancel", { id: "someone-else" });
    await send("flow/cancel", { id: "c1" });
    expect(await finishedRun(engine.url, id)).toMatchObject({ status: "Cancelled" });
    expect(await engine.sql`select 1 from jobs j join runs r on r.id = j.run_id where r.event_id = ${id}`).toHaveLength(
      0,
    );
  });

  it("cancels a run through DELETE /v1/runs/:id", async () => {
    const id = await send("flow/cancellable", { id: "c-rest" });
    const runId = await runWaiting(engine, id, "sleeping");
    const res = await fetch(`${engine.url}/v1/runs/${runId}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await finishedRun(engine.url, id)).toMatchObject({ run_id: runId, status: "Cancelled" });
  });

  it("debounces events into one run with the last event, per key", async () => {
    for (let n = 1; n <= 3; n++) await send("flow/debounce", { user: "d1", n });
    await send("flow/debounce", { user: "d2", n: 10 });
    const runs = await until("two debounced runs", async () => {
      const rows = await runsOf("debounced");
      return rows.length >= 2 && rows.every((r) => r.status === "Completed") ? rows : undefined;
    });
    expect(runs.map((r) => r.output).sort()).toEqual([10, 3]);
  });

  it("cancels a run that outlives timeouts.finish", async () => {
    const run = await finishedRun(engine.url, await send("flow/slow", {}));
    expect(run.status).toBe("Cancelled");
  });

  it("cancels a run that could not start within timeouts.start", async () => {
    const first = await send("flow/late", { n: 1 });
    const second = await send("flow/late", { n: 2 });
    expect(await finishedRun(engine.url, first)).toMatchObject({ status: "Completed", output: 1 });
    expect((await finishedRun(engine.url, second)).status).toBe("Cancelled");
  });

  it("skips a new event while a singleton run with the same key is running (mode skip)", async () => {
    const first = await send("flow/single-skip", { user: "s1", n: 1 });
    await runWaiting(engine, first);
    await send("flow/single-skip", { user: "s1", n: 2 });
    await send("flow/release", { n: 1 });
    expect(await finishedRun(engine.url, first)).toMatchObject({ status: "Completed", output: 1 });
    expect((await runsOf("single-skip")).map((r) => r.output)).toEqual([1]);
  });

  it("cancels the running singleton run for the new one (mode cancel)", async () => {
    const first = await send("flow/single-cancel", { user: "s2", n: 1 });
    await runWaiting(engine, first);
    const second = await send("flow/single-cancel", { user: "s2", n: 2 });
    expect((await finishedRun(engine.url, first)).status).toBe("Cancelled");
    await runWaiting(engine, second);
    await send("flow/release", { n: 2 });
    expect(await finishedRun(engine.url, second)).toMatchObject({ status: "Completed", output: 2 });
  });
});
