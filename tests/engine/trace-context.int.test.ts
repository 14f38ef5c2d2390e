import { Inngest, NonRetriableError } from "inngest";
import { serve } from "inngest/next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCheckpointing } from "@/engine/config";
import {
  finishedRun,
  finishedRuns,
  serveRoute,
  startTestEngine,
  until,
  type RouteHandlers,
  type TestApp,
  type TestEngine,
} from "./helpers";

type Call = { runId: string | null; stepId: string | null; traceparent: string | null; tracestate: string | null };

let engine: TestEngine;
let app: TestApp;
const calls: Call[] = [];

const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
const TRACESTATE = "keel=upload,rojo=00f067aa0ba902b7";

beforeAll(async () => {
  engine = await startTestEngine();
  const client = new Inngest({ id: "trace-app", isDev: true, baseUrl: engine.url });
  const child = client.createFunction({ id: "child", triggers: [{ event: "test/child" }] }, async ({ step }) =>
    step.run("inside", () => "child done"),
  );
  const traced = client.createFunction({ id: "traced", triggers: [{ event: "test/traced" }] }, async ({ step }) => {
    const a = await step.run("a", () => 1);
    const b = await step.run("b", () => a + 1);
    const c = await step.invoke("call-child", { function: child, data: {} });
    return { b, c };
  });
  const failing = client.createFunction(
    {
      id: "failing",
      triggers: [{ event: "test/failing" }],
      onFailure: async ({ step }) => step.run("after-failure", () => "handled"),
    },
    async ({ step }) =>
      step.run("breaks", () => {
        throw new NonRetriableError("broken on purpose");
      }),
  );
  const handlers = serve({ client, functions: [traced, child, failing] }) as unknown as RouteHandlers;
  app = await serveRoute({
    GET: handlers.GET,
    PUT: handlers.PUT,
    POST: async (request) => {
      const url = new URL(request.url);
      calls.push({
        runId: request.headers.get("x-run-id"),
        stepId: url.searchParams.get("stepId"),
        traceparent: request.headers.get("traceparent"),
        tracestate: request.headers.get("tracestate"),
      });
      return (handlers.POST as (r: Request) => Promise<Response>)(request);
    },
  });
  await engine.syncApp(app.url);
});

afterAll(async () => {
  await app.close();
  await engine.close();
});

/** Sends one event to the engine's event API as the SDK would, with these extra headers; returns its id. */
async function sendEvent(name: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${engine.url}/e/test-key`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify([{ name, data: {} }]),
  });
  expect(res.status).toBe(200);
  const { ids } = (await res.json()) as { ids: string[] };
  return ids[0] as string;
}

const callsOf = (runIds: string[]) => calls.filter((call) => call.runId !== null && runIds.includes(call.runId));

describe("trace context from event to calls", () => {
  it("sends the traceparent and tracestate an event came with on every call of its run and of the run it invokes", async () => {
    const eventId = await sendEvent("test/traced", { traceparent: TRACEPARENT, tracestate: TRACESTATE });
    const run = await finishedRun(engine.url, eventId, "trace-app-traced");
    expect(run.status).toBe("Completed");
    const [childRun] = await engine.sql<{ id: string }[]>`select id from runs where parent_run_id = ${run.run_id}`;
    expect(childRun).toBeDefined();
    const seen = callsOf([run.run_id, childRun?.id ?? ""]);
    // discovery, a, b, the invoke, the resumption after it, and the child's own calls; checkpointing runs a, b and
    // the invoke's plan in one call, and the child's step and return in another
    expect(seen.length).toBeGreaterThanOrEqual(testCheckpointing() ? 3 : 5);
    expect(new Set(seen.map((call) => call.runId)).size).toBe(2);
    for (const call of seen) expect(call).toMatchObject({ traceparent: TRACEPARENT, tracestate: TRACESTATE });
  });

  it("hands a failed run's trace on to its failure handler's calls", async () => {
    const eventId = await sendEvent("test/failing", { traceparent: TRACEPARENT });
    const failed = await finishedRun(engine.url, eventId, "trace-app-failing");
    expect(failed.status).toBe("Failed");
    const handler = await until("the failure handler's run", async () => {
      const [row] = await engine.sql<{ id: string; status: string }[]>`
        select id, status from runs where function_id = 'trace-app-failing-failure'
          and event->'data'->>'run_id' = ${failed.run_id}`;
      return row?.status === "Completed" ? row : undefined;
    });
    const seen = callsOf([handler.id]);
    expect(seen.length).toBeGreaterThan(0);
    for (const call of seen) expect(call).toMatchObject({ traceparent: TRACEPARENT, tracestate: null });
  });

  it("runs an event sent without a trace context, and sends none on its calls", async () => {
    const eventId = await sendEvent("test/traced");
    const runs = await finishedRuns(engine.url, eventId);
    expect(runs[0]?.status).toBe("Completed");
    const seen = callsOf(runs.map((run) => run.run_id));
    expect(seen.length).toBeGreaterThan(0);
    for (const call of seen) expect(call).toMatchObject({ traceparent: null, tracestate: null });
  });

  it("ignores a malformed traceparent instead of refusing the event", async () => {
    const eventId = await sendEvent("test/traced", {
      traceparent: "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      tracestate: TRACESTATE,
    });
    const run = await finishedRun(engine.url, eventId, "trace-app-traced");
    expect(run.status).toBe("Completed");
    const seen = callsOf([run.run_id]);
    expect(seen.length).toBeGreaterThan(0);
    for (const call of seen) expect(call).toMatchObject({ traceparent: null, tracestate: null });
  });
});
