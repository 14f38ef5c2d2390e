import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { Inngest } from "inngest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { TracingMiddleware } from "@/lib/telemetry/inngest-middleware";
import { startTelemetry, stopTelemetry } from "@/lib/telemetry/provider";
import { tracedFetch } from "@/lib/telemetry/traced-fetch";
import { finishedRun, startApp, startTestEngine, type TestApp, type TestEngine } from "../engine/helpers";

const exporter = new InMemorySpanExporter();
let engine: TestEngine;
let app: TestApp;

beforeAll(async () => {
  startTelemetry({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    environment: parseEnv({ LOG_LEVEL: "silent" }),
  });
  engine = await startTestEngine();
  const client = new Inngest({
    id: "mw-app",
    isDev: true,
    baseUrl: engine.url,
    middleware: [TracingMiddleware],
    fetch: tracedFetch,
  });
  const traced = client.createFunction({ id: "traced", triggers: [{ event: "test/traced" }] }, async ({ step }) => {
    const a = await step.run("first", () => 1);
    return step.run("second", () => a + 1);
  });
  app = await startApp(client, [traced]);
  await engine.syncApp(app.url);
});

afterAll(async () => {
  await app.close();
  await engine.close();
  await stopTelemetry();
});

beforeEach(() => {
  exporter.reset();
});

async function send(documentId: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${engine.url}/e/test-key`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify([{ name: "test/traced", data: { documentId } }]),
  });
  const { ids } = (await res.json()) as { ids: string[] };
  return ids[0] as string;
}

const spansOf = (documentId: string) =>
  exporter.getFinishedSpans().filter((span) => span.attributes["keel.document_id"] === documentId);

describe("the Inngest tracing middleware", () => {
  it("continues the trace of a call's traceparent, such as Inngest Cloud's with its own tracestate", async () => {
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const parentId = "b7ad6b7169203331";
    const eventId = await send("doc-cloud", {
      traceparent: `00-${traceId}-${parentId}-01`,
      tracestate: "inngest@app=mw-app,inngest@traceref=ref-1",
    });
    expect((await finishedRun(engine.url, eventId)).status).toBe("Completed");
    const spans = spansOf("doc-cloud");
    const requests = spans.filter((span) => span.name === "inngest.request traced");
    // One call runs both steps when the engine checkpoints; three when it does not.
    expect(requests.length).toBeGreaterThanOrEqual(1);
    for (const request of requests) {
      expect(request.spanContext().traceId).toBe(traceId);
      expect(request.parentSpanContext?.spanId).toBe(parentId);
    }
    expect(spans.map((span) => span.name)).toEqual(
      expect.arrayContaining(["inngest.step first", "inngest.step second"]),
    );
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([traceId]));
  });

  it("starts a trace of its own for a call with no traceparent, and still names the document", async () => {
    const eventId = await send("doc-untraced");
    expect((await finishedRun(engine.url, eventId)).status).toBe("Completed");
    const spans = spansOf("doc-untraced");
    const requests = spans.filter((span) => span.name === "inngest.request traced");
    // One call runs both steps when the engine checkpoints; three when it does not.
    expect(requests.length).toBeGreaterThanOrEqual(1);
    for (const request of requests) expect(request.parentSpanContext).toBeUndefined();
    expect(spans.map((span) => span.name)).toEqual(
      expect.arrayContaining(["inngest.step first", "inngest.step second"]),
    );
  });

  it("ignores a traceparent that is not W3C and runs the function as usual", async () => {
    const eventId = await send("doc-garbled");
    // The engine drops a malformed header at ingest; here the app gets one straight from a caller.
    const res = await fetch(`${app.url}?fnId=mw-app-traced&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: "not-a-trace" },
      body: JSON.stringify({
        event: { name: "test/traced", data: { documentId: "doc-garbled" }, id: eventId, ts: Date.now() },
        events: [{ name: "test/traced", data: { documentId: "doc-garbled" }, id: eventId, ts: Date.now() }],
        steps: {},
        version: 2,
        ctx: {
          run_id: "01GARBLED",
          attempt: 0,
          disable_immediate_execution: true,
          use_api: false,
          stack: { stack: [], current: 0 },
        },
      }),
    });
    expect(res.status).toBe(206);
    const garbled = spansOf("doc-garbled").filter(
      (span) => span.name === "inngest.request traced" && span.attributes["inngest.run.id"] === "01GARBLED",
    );
    expect(garbled).toHaveLength(1);
    expect(garbled[0]?.parentSpanContext).toBeUndefined();
  });
});
