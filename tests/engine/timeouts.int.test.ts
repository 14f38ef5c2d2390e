import pino from "pino";
import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { finishedRun, startApp, untilRun, withEngineApp, type TestClient } from "./helpers";

/**
 * timeouts.start and timeouts.finish through the real SDK, and the fallback lane they make possible: a model call
 * that cannot start within its budget behind a busy provider slot is cancelled, its invoker catches the error and
 * re-issues the call to a fallback function. Durations are scaled ×0.25 (2 s → 500 ms), long enough that a free
 * lane always starts in time on a loaded machine and short enough to keep the file quick.
 */

/** Releasable holds: a call parks on its key until the test lets it go. */
const gates = new Map<string, () => void>();
const hold = (key: string) => new Promise<void>((resolve) => gates.set(key, resolve));
const release = (key: string) => gates.get(key)?.();
/** How many times each call's body ran, by its key: nothing may run twice. */
const executions = new Map<string, number>();
const executed = (key: string) => executions.set(key, (executions.get(key) ?? 0) + 1);

/** The engine's log lines, to see what it did with a call that returned after its run ended. */
const logLines: Array<{ msg?: string; runId?: string }> = [];
const logger = pino({ level: "info" }, { write: (line: string) => logLines.push(JSON.parse(line) as never) });

const isCancelled = (error: unknown) => error instanceof Error && error.message.startsWith("function cancelled");

function define(client: TestClient) {
  const modelCall = client.createFunction(
    {
      id: "model-call",
      concurrency: [{ key: "event.data.provider", limit: 1 }],
      timeouts: { start: "2s" },
      triggers: [{ event: "ai/model.call" }],
    },
    async ({ event, step }) =>
      step.run("call-provider", async () => {
        const key = event.data.key as string;
        executed(key);
        if (event.data.hold) await hold(key);
        return { lane: "primary", text: `primary answer to ${key}`, confidence: 0.9 };
      }),
  );
  const fallback = client.createFunction(
    { id: "fallback", triggers: [{ event: "ai/fallback.call" }] },
    async ({ event, step }) =>
      step.run("call-fallback", () => {
        const key = event.data.key as string;
        executed(`fallback:${key}`);
        return { lane: "fallback", text: `fallback answer to ${key}`, confidence: 0.6 };
      }),
  );
  const draft = client.createFunction(
    { id: "draft", triggers: [{ event: "tickets/draft" }] },
    async ({ event, step }) => {
      const key = event.data.key as string;
      const issuedAt = await step.run("issue", () => Date.now());
      try {
        return await step.invoke("primary", {
          function: modelCall,
          data: { provider: event.data.provider as string, key },
        });
      } catch (error) {
        if (!isCancelled(error)) throw error;
        const waited = await step.run("note-wait", () => ({
          ms: Date.now() - issuedAt,
          reason: (error as Error).message,
        }));
        const answer = await step.invoke("fallback", { function: fallback, data: { key } });
        return { ...answer, waited };
      }
    },
  );
  const hang = client.createFunction(
    {
      id: "hang",
      concurrency: { limit: 1, key: "event.data.provider" },
      timeouts: { finish: "2s" },
      triggers: [{ event: "ai/hang" }],
    },
    async ({ event, step }) => {
      const key = event.data.key as string;
      await step.run("call-provider", async () => {
        executed(key);
        if (event.data.hold) await hold(key);
      });
      return step.run("after", () => {
        executed(`${key}:after`);
        return "finished";
      });
    },
  );
  const waitsForHang = client.createFunction(
    { id: "waits-for-hang", triggers: [{ event: "tickets/hang" }] },
    async ({ event, step }) => {
      try {
        return await step.invoke("hang", {
          function: hang,
          data: { provider: "slow", key: event.data.key as string, hold: true },
        });
      } catch (error) {
        return { caught: (error as Error).name, message: (error as Error).message };
      }
    },
  );
  // One provider slot shared across functions: the holder has no timeouts, so it may hold as long as the test needs.
  const providerSlot = { limit: 1, key: "event.data.provider", scope: "account" as const };
  const queueHolder = client.createFunction(
    { id: "queue-holder", concurrency: providerSlot, triggers: [{ event: "ai/queue-holder" }] },
    async ({ event, step }) => {
      const key = event.data.key as string;
      return step.run("call-provider", async () => {
        executed(key);
        await hold(key);
        return key;
      });
    },
  );
  const queuedThenQuick = client.createFunction(
    {
      id: "queued-then-quick",
      concurrency: providerSlot,
      timeouts: { start: "1h", finish: "2s" },
      triggers: [{ event: "ai/queued" }],
    },
    async ({ event, step }) => {
      const key = event.data.key as string;
      return step.run("call-provider", () => {
        executed(key);
        return key;
      });
    },
  );
  const startsThenSleeps = client.createFunction(
    { id: "starts-then-sleeps", timeouts: { start: "2s" }, triggers: [{ event: "ai/sleepy" }] },
    async ({ step }) => {
      await step.sleep("past-the-start-budget", "8s");
      return "slept";
    },
  );
  const racer = client.createFunction(
    { id: "racer", timeouts: { finish: "2s" }, triggers: [{ event: "ai/racer" }] },
    async ({ event, step }) => {
      await step.run("work", () => new Promise((r) => setTimeout(r, event.data.ms as number)));
      return event.data.key as string;
    },
  );
  const racesInvoke = client.createFunction(
    { id: "races-invoke", triggers: [{ event: "tickets/race" }] },
    async ({ event, step }) => {
      try {
        return { ok: await step.invoke("racer", { function: racer, data: event.data }) };
      } catch (error) {
        return { failed: (error as Error).message };
      }
    },
  );
  return [
    modelCall,
    fallback,
    draft,
    hang,
    waitsForHang,
    queueHolder,
    queuedThenQuick,
    startsThenSleeps,
    racer,
    racesInvoke,
  ];
}

const ctx = withEngineApp("timeouts", define, { timeScale: 0.25, logger });

type Row = { id: string; status: string; error: { message?: string } | null; first_call_at: Date | null };
const runOf = async (functionId: string, key: string) => {
  const { engine } = ctx();
  const [row] = await engine.sql<Row[]>`
    select id, status, error, first_call_at from runs
    where function_id = ${`timeouts-${functionId}`} and event->'data'->>'key' = ${key}`;
  return row;
};

const callStarted = (key: string) =>
  untilRun(ctx().engine, `the call of ${key} to begin`, () => Promise.resolve(gates.has(key) || undefined));

describe("timeouts.start and the fallback lane", () => {
  it("cancels the primary call that cannot start behind a held slot; the invoker falls back, nothing runs twice", async () => {
    const { engine, send } = ctx();
    const holder = await send("ai/model.call", { provider: "anthropic", key: "holder", hold: true });
    await callStarted("holder");

    const started = Date.now();
    const drafted = await send("tickets/draft", { provider: "anthropic", key: "t1" });
    const draft = await finishedRun(engine.url, drafted, "timeouts-draft");
    const took = Date.now() - started;

    expect(draft.status).toBe("Completed");
    expect(draft.output).toMatchObject({
      lane: "fallback",
      text: "fallback answer to t1",
      confidence: 0.6,
      waited: { reason: "function cancelled: timeouts.start (2s) passed before the run's first call began" },
    });
    // The primary gave up at its start budget (500 ms scaled), not at the end of the holder's call.
    expect((draft.output as { waited: { ms: number } }).waited.ms).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(10_000);

    const primary = await runOf("model-call", "t1");
    expect(primary).toMatchObject({ status: "Cancelled", first_call_at: null });
    expect(primary?.error?.message).toMatch(/^function cancelled: timeouts\.start/);
    expect(await engine.sql`select 1 from jobs where run_id = ${primary?.id ?? ""}`).toHaveLength(0);

    // The holder was never disturbed: released now, it finishes with its own answer.
    release("holder");
    expect(await finishedRun(engine.url, holder)).toMatchObject({
      status: "Completed",
      output: { lane: "primary", text: "primary answer to holder" },
    });
    expect(executions.get("holder")).toBe(1);
    expect(executions.get("t1")).toBeUndefined();
    expect(executions.get("fallback:t1")).toBe(1);
  });

  it("lets a call through when the slot frees within the start budget", async () => {
    const { engine, send } = ctx();
    await send("ai/model.call", { provider: "openai", key: "brief-holder", hold: true });
    await callStarted("brief-holder");
    const drafted = await send("tickets/draft", { provider: "openai", key: "t2" });
    await untilRun(engine, "the primary call of t2 queued", async () => (await runOf("model-call", "t2")) ?? undefined);
    release("brief-holder");
    const draft = await finishedRun(engine.url, drafted, "timeouts-draft");
    expect(draft).toMatchObject({ status: "Completed", output: { lane: "primary", text: "primary answer to t2" } });
    expect(executions.get("fallback:t2")).toBeUndefined();
  });

  it("clears the start timer once the first call begins: a run that then sleeps past it completes", async () => {
    const { engine, send } = ctx();
    const run = await finishedRun(engine.url, await send("ai/sleepy", { key: "sleepy" }));
    expect(run).toMatchObject({ status: "Completed", output: "slept" });
  });
});

describe("timeouts.finish", () => {
  it("cancels a run whose call hangs past it, frees its slot, and the invoker catches the error", async () => {
    const { engine, send } = ctx();
    const waiting = await send("tickets/hang", { key: "h1" });
    await callStarted("h1");
    const invoker = await finishedRun(engine.url, waiting, "timeouts-waits-for-hang");
    expect(invoker).toMatchObject({
      status: "Completed",
      output: {
        caught: "Error",
        message: "function cancelled: timeouts.finish (2s) passed since the run's first call began",
      },
    });
    const hung = await runOf("hang", "h1");
    expect(hung?.status).toBe("Cancelled");
    // Its slot went with the cancellation, not when the lease on the hung call would have lapsed.
    expect(await engine.sql`select key from concurrency_slots where key like ${"%:slow"}`).toEqual([]);

    // The cancelled run's slot is free although its call still hangs in the app: the next call on the key runs.
    const next = await send("ai/hang", { provider: "slow", key: "h2" });
    expect(await finishedRun(engine.url, next)).toMatchObject({ status: "Completed", output: "finished" });

    // The hung call returns at last: its result is discarded and the cancelled run takes no further step.
    release("h1");
    const discarded = () =>
      logLines.some((l) => l.runId === hung?.id && l.msg === "run ended during the call: result discarded");
    await untilRun(engine, "the hung call's result to be discarded", () => Promise.resolve(discarded() || undefined));
    expect((await runOf("hang", "h1"))?.status).toBe("Cancelled");
    expect(executions.get("h1")).toBe(1);
    expect(executions.get("h1:after")).toBeUndefined();
  });

  it("counts from the first call, not from the queue: a run that waited longer than finish for its slot completes", async () => {
    const { engine, send } = ctx();
    const holder = await send("ai/queue-holder", { provider: "queue", key: "q1" });
    await callStarted("q1");
    const queued = await send("ai/queued", { provider: "queue", key: "q2" });
    // The time under test: queued behind q1 for well over the finish budget (500 ms scaled) before its first call.
    await new Promise((r) => setTimeout(r, 900));
    expect(await runOf("queued-then-quick", "q2")).toMatchObject({ status: "Running", first_call_at: null });
    release("q1");
    expect(await finishedRun(engine.url, holder)).toMatchObject({ status: "Completed", output: "q1" });
    expect(await finishedRun(engine.url, queued)).toMatchObject({ status: "Completed", output: "q2" });
  });

  it("gives a run that ends as its finish timer fires one outcome, and its invoker that outcome", async () => {
    const { engine, send } = ctx();
    // Step times around the 500 ms (scaled) budget: some runs end just before it, some just after.
    const ids = await Promise.all(
      Array.from({ length: 16 }, (_, i) => send("tickets/race", { key: `r${String(i)}`, ms: 380 + i * 15 })),
    );
    const invokers = await Promise.all(ids.map((id) => finishedRun(engine.url, id, "timeouts-races-invoke")));
    for (const [i, invoker] of invokers.entries()) {
      const racer = await runOf("racer", `r${String(i)}`);
      expect(invoker.status).toBe("Completed");
      if (racer?.status === "Completed") expect(invoker.output).toEqual({ ok: `r${String(i)}` });
      else {
        expect(racer?.status).toBe("Cancelled");
        expect((invoker.output as { failed: string }).failed).toMatch(/^function cancelled: timeouts\.finish/);
      }
    }
    const outcomes = await engine.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from runs where function_id = 'timeouts-racer' group by status`;
    // The slowest step (605 ms) cannot beat the timer: the race was really run.
    expect(outcomes.some((o) => o.status === "Cancelled")).toBe(true);
    expect(
      await engine.sql`select 1 from jobs j join runs r on r.id = j.run_id where r.function_id = 'timeouts-racer'`,
    ).toEqual([]);
  });
});

describe("timeouts at sync", () => {
  it("refuses an app whose timeout it cannot read, naming the function, the field and the value", async () => {
    const { engine } = ctx();
    const client = new Inngest({ id: "bad-timeouts", isDev: true, baseUrl: engine.url });
    // A TimeStr the compiler would refuse, as a config built at run time could carry.
    const fn = client.createFunction(
      { id: "vague", timeouts: { start: "soon" as "1s" }, triggers: [{ event: "x/vague" }] },
      () => null,
    );
    const app = await startApp(client, [fn]);
    try {
      await expect(engine.syncApp(app.url)).rejects.toThrow(
        'function "bad-timeouts-vague" timeouts.start: Invalid duration "soon"',
      );
      expect(await engine.sql`select 1 from functions where app_id = 'bad-timeouts'`).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
