import { Inngest, NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedRun, startApp, startTestEngine, until, type TestApp, type TestEngine } from "./helpers";

let engine: TestEngine;
let app: TestApp;
let client: Inngest.Any;
const calls: Record<string, number[]> = {};
const record = (key: string, attempt: number) => {
  (calls[key] ??= []).push(attempt);
};

beforeAll(async () => {
  engine = await startTestEngine();
  client = new Inngest({ id: "errors-app", isDev: true, baseUrl: engine.url });
  const flaky = client.createFunction(
    { id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] },
    async ({ event, step }) => {
      const before = await step.run("before", () => {
        record(`before:${event.data.k}`, 0);
        return "ok";
      });
      const value = await step.run("flaky", ({ attempt }: { attempt?: number } = {}) => {
        record(`flaky:${event.data.k}`, attempt ?? -1);
        if ((calls[`flaky:${event.data.k}`]?.length ?? 0) < 3) throw new Error("transient");
        return "recovered";
      });
      return { before, value };
    },
  );
  const exhausted = client.createFunction(
    {
      id: "exhausted",
      retries: 2,
      triggers: [{ event: "test/exhausted" }],
      onFailure: ({ error, event }) => {
        record(`onFailure:${(event.data.event as { data: { k: string } }).data.k}`, 0);
        return { handled: error.message };
      },
    },
    async ({ event, step }) => {
      await step.run("always-fails", () => {
        record(`always:${event.data.k}`, 0);
        throw new Error("boom");
      });
    },
  );
  const caught = client.createFunction(
    { id: "caught", retries: 1, triggers: [{ event: "test/caught" }] },
    async ({ step }) => {
      try {
        await step.run("fails", () => {
          throw new Error("expected");
        });
      } catch (error) {
        return { caught: (error as Error).name, message: (error as Error).message };
      }
      return "unreachable";
    },
  );
  const fatal = client.createFunction(
    { id: "fatal", retries: 5, triggers: [{ event: "test/fatal" }] },
    async ({ event, step }) => {
      await step.run("fatal", () => {
        record(`fatal:${event.data.k}`, 0);
        throw new NonRetriableError("cannot fix this");
      });
    },
  );
  const topLevel = client.createFunction(
    { id: "top-level", retries: 2, triggers: [{ event: "test/top" }] },
    ({ event, attempt }) => {
      record(`top:${event.data.k}`, attempt);
      if (attempt < 2) throw new Error(`top-level failure ${attempt}`);
      return `ok at attempt ${attempt}`;
    },
  );
  const retryAfter = client.createFunction(
    { id: "retry-after", retries: 2, triggers: [{ event: "test/retry-after" }] },
    async ({ event, step }) => {
      return step.run("rate-limited", () => {
        record(`ra:${event.data.k}`, Date.now());
        if ((calls[`ra:${event.data.k}`]?.length ?? 0) < 2) throw new RetryAfterError("slow down", "20s");
        return "done";
      });
    },
  );
  const unsupported = client.createFunction(
    { id: "unsupported", triggers: [{ event: "test/unsupported" }] },
    async ({ step }) => {
      return step.ai.infer("ask", {
        model: step.ai.models.openai({ model: "gpt-4o-mini", apiKey: "x" }),
        body: { messages: [{ role: "user", content: "hi" }] },
      });
    },
  );
  app = await startApp(client, [flaky, exhausted, caught, fatal, topLevel, retryAfter, unsupported]);
  await engine.syncApp(app.url);
});

afterAll(async () => {
  await app.close();
  await engine.close();
});

const send = async (name: string, data: Record<string, unknown> = {}) =>
  (await client.send({ name, data })).ids[0] as string;

describe("retries and errors", () => {
  it("retries a failing step as the same step with attempt + 1, without re-running finished steps", async () => {
    const run = await finishedRun(engine.url, await send("test/flaky", { k: "f1" }));
    expect(run).toMatchObject({ status: "Completed", output: { before: "ok", value: "recovered" } });
    expect(calls["before:f1"]).toHaveLength(1);
    expect(calls["flaky:f1"]).toHaveLength(3);
    const [step] = await engine.sql<{ attempts: number; status: string }[]>`
      select attempts, status from run_steps where run_id = ${run.run_id} and name = 'flaky'`;
    expect(step).toMatchObject({ attempts: 3, status: "completed" });
    const attempts = await engine.sql<{ attempt: number }[]>`
      select attempt from attempts a join run_steps s on s.run_id = a.run_id and s.step_id = a.step_id
      where a.run_id = ${run.run_id} and s.name = 'flaky' order by a.id`;
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
  });

  it("fails the run after the function's retries and runs onFailure with the error", async () => {
    const id = await send("test/exhausted", { k: "e1" });
    const run = await finishedRun(engine.url, id, "errors-app-exhausted");
    expect(run.status).toBe("Failed");
    expect(run.output).toMatchObject({ name: "Error", message: "boom" });
    expect(calls["always:e1"]).toHaveLength(3);
    const failure = await until("the onFailure run", async () => {
      const rows = await engine.sql<{ status: string; output: unknown }[]>`
        select status, output from runs where function_id = 'errors-app-exhausted-failure' and event->'data'->>'run_id' = ${run.run_id}`;
      return rows[0]?.status === "Completed" ? rows[0] : undefined;
    });
    expect(failure.output).toEqual({ handled: "boom" });
    expect(calls["onFailure:e1"]).toHaveLength(1);
  });

  it("lets user code catch a step that failed for good (StepFailed)", async () => {
    const run = await finishedRun(engine.url, await send("test/caught"));
    expect(run).toMatchObject({ status: "Completed", output: { message: "expected" } });
    const [step] = await engine.sql<{ status: string; attempts: number }[]>`
      select status, attempts from run_steps where run_id = ${run.run_id} and name = 'fails'`;
    expect(step).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("does not retry a NonRetriableError", async () => {
    const run = await finishedRun(engine.url, await send("test/fatal", { k: "n1" }));
    expect(run.status).toBe("Failed");
    expect(run.output).toMatchObject({ name: "NonRetriableError", message: "cannot fix this" });
    expect(calls["fatal:n1"]).toHaveLength(1);
  });

  it("retries a function-level error with the attempt number", async () => {
    const run = await finishedRun(engine.url, await send("test/top", { k: "t1" }));
    expect(run).toMatchObject({ status: "Completed", output: "ok at attempt 2" });
    expect(calls["top:t1"]).toEqual([0, 1, 2]);
  });

  it("waits at least the RetryAfterError delay (scaled) before retrying", async () => {
    const run = await finishedRun(engine.url, await send("test/retry-after", { k: "r1" }));
    expect(run).toMatchObject({ status: "Completed", output: "done" });
    const [first, second] = calls["ra:r1"] ?? [];
    // 20 s scaled by the test time scale (0.01) is 200 ms: a floor set by the engine, not a speed assertion.
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(190);
  });

  it("fails a run loudly on an op the engine does not implement", async () => {
    const run = await finishedRun(engine.url, await send("test/unsupported"));
    expect(run.status).toBe("Failed");
    expect(run.output).toMatchObject({ name: "UnsupportedOpError" });
    expect((run.output as { message: string }).message).toMatch(/"AIGateway" op/);
  });
});
