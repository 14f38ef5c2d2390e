import fs from "node:fs";
import { SpanKind, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDocumentById } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import type { User } from "@/db/schema";
import { parseEnv, resetEnv } from "@/lib/env";
import { startTelemetry, stopTelemetry } from "@/lib/telemetry/provider";
import { until } from "../engine/helpers";
import { startFakeAnthropic, type FakeAnthropic } from "../fakes/anthropic-server";
import { startSmtpSink, type SmtpSink } from "../fakes/smtp-sink";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";

// The signed-in person only: a route handler called from a test has no Next request to read a session from.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/services/auth/session", () => ({ authorize: () => Promise.resolve(session.user) }));

const exporter = new InMemorySpanExporter();
startTelemetry({ spanProcessors: [new SimpleSpanProcessor(exporter)], environment: parseEnv({}) });

// Real minutes: the mailer's minutely run stays out of the way of the one this document's email nudges.
const pipeline = withPipeline({ timeScale: 1 });
let anthropic: FakeAnthropic | undefined;
let sink: SmtpSink | undefined;

const acme = fs.readFileSync("ai/deterministic/fixtures/invoice-us-acme.txt", "utf8");

function field<T>(value: T | null, quote: string | null = null, confidence = 0.95) {
  return { value, confidence: value === null ? 0 : confidence, evidence: quote ? { page: 1, quote } : null };
}

/** The model's reading of the Acme invoice: a vendor Keel does not know, so a person has to look. */
const modelAnswer = {
  documentClass: field("invoice", "INVOICE"),
  vendorName: field("Acme Industrial Supply, Inc."),
  vendorTaxId: field(null),
  documentNumber: field("INV-2025-00418", "INV-2025-00418"),
  poNumber: field(null),
  issueDate: field("2025-03-14"),
  dueDate: field(null),
  currency: field("USD"),
  subtotal: field(null),
  tax: field(null),
  total: field("1685.45"),
  paymentTerms: field(null),
  bankDetails: field(null),
  lines: [],
};

beforeAll(async () => {
  const model = await startFakeAnthropic();
  model.fallback = { kind: "tool", input: modelAnswer, usage: { input: 1500, output: 300, cacheRead: 1200 } };
  anthropic = model;
  const mail = await startSmtpSink();
  sink = mail;
  vi.stubEnv("ANTHROPIC_API_KEY", "sk-ant-test");
  vi.stubEnv("ANTHROPIC_BASE_URL", model.url);
  vi.stubEnv("SMTP_URL", mail.url);
  resetEnv();
  session.user = await makeUser({ role: "operator" });
  // Whichever queue the task lands in has someone to email.
  await makeUser({ role: "approver" });
  await makeUser({ role: "admin" });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnv();
  await anthropic?.close();
  await sink?.close();
  await stopTelemetry();
});

/**
 * The browser's upload through its real route handler, inside the server span Next.js opens for every request in
 * production (BaseServer.handleRequest); a test calling the handler directly has no Next server to open it.
 */
async function upload(text: string, filename: string): Promise<{ id: string; requestSpanId: string; traceId: string }> {
  return trace.getTracer("test").startActiveSpan("POST /api/documents", { kind: SpanKind.SERVER }, async (span) => {
    try {
      // Imported once the harness has pointed the Inngest client at the engine: the client reads that on creation.
      const { POST } = await import("@/app/api/documents/route");
      const response = await POST(
        new Request("http://keel.test/api/documents", {
          method: "POST",
          headers: { host: "keel.test", "x-filename": filename },
          body: text,
        }),
      );
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      return { id, requestSpanId: span.spanContext().spanId, traceId: span.spanContext().traceId };
    } finally {
      span.end();
    }
  });
}

const named = (spans: ReadableSpan[], name: string) => spans.filter((span) => span.name === name);

describe("one document's trace", () => {
  it("follows the document from its upload through the engine's calls to every step, model call and email, each span naming the document", async () => {
    const { engine } = pipeline();
    const { id: documentId, requestSpanId, traceId } = await upload(acme, "acme-traced.txt");

    const task = await until("the document's task", async () =>
      (await listTasksForDocument(documentId)).find((t) => t.status === "open"),
    );
    expect(task).toBeDefined();
    const emailSpan = await until("the email's span", () =>
      Promise.resolve(
        exporter
          .getFinishedSpans()
          .find((s) => s.name === "email.send" && s.attributes["keel.document_id"] === documentId),
      ),
    );
    expect(sink?.messages.length).toBeGreaterThan(0);
    // A span is exported when it ends, children before their parents: wait until no span in the trace lacks its own.
    const spans = await until("every span of the trace to have ended", () => {
      const ended = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
      const ids = new Set(ended.map((span) => span.spanContext().spanId));
      const orphans = ended.filter((span) => span.parentSpanContext && !ids.has(span.parentSpanContext.spanId));
      return Promise.resolve(orphans.length === 0 ? ended : undefined);
    });
    // One trace: the email's delivery run continues it too.
    expect(emailSpan.spanContext().traceId).toBe(traceId);

    // Every span of the trace names the document, from the request that uploaded it to the email.
    for (const span of spans)
      expect({ span: span.name, id: span.attributes["keel.document_id"] }).toEqual({ span: span.name, id: documentId });

    // A span per step the run executed, as the engine recorded them.
    const document = await getDocumentById(documentId);
    const steps = await engine.sql<{ name: string }[]>`
      select name from run_steps where run_id = ${document?.runId ?? ""} and kind = 'run' and status = 'completed'`;
    expect(steps.map((s) => s.name)).toEqual(expect.arrayContaining(["extract-text", "check-rules", "open-task"]));
    for (const { name } of steps) {
      const stepSpans = named(spans, `inngest.step ${name}`);
      expect(stepSpans.length, `a span for step ${name}`).toBeGreaterThan(0);
      expect(stepSpans[0]?.attributes["inngest.run.id"]).toBe(document?.runId);
    }

    // The model call: which model, which prompt version, what it took.
    const [modelCall] = spans.filter((span) => span.name.startsWith("chat "));
    expect(modelCall?.attributes).toMatchObject({
      "gen_ai.system": "anthropic",
      "gen_ai.request.model": "claude-sonnet-5-5",
      "gen_ai.usage.input_tokens": 1500,
      "gen_ai.usage.output_tokens": 300,
      "gen_ai.usage.cache_read.input_tokens": 1200,
    });
    expect(modelCall?.attributes["keel.prompt_version"]).toMatch(/\S/);
    expect(named(spans, "db save-extraction")).toHaveLength(1);
    expect(named(spans, "db create-document")).toHaveLength(1);

    // Parent to child, each step and the email lead back to the upload's request span.
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const root = (span: ReadableSpan): string => {
      let current = span;
      for (;;) {
        const parentId = current.parentSpanContext?.spanId;
        const parent = parentId ? byId.get(parentId) : undefined;
        if (!parent) return current.spanContext().spanId;
        current = parent;
      }
    };
    for (const span of spans)
      expect({ span: span.name, root: root(span) }).toEqual({ span: span.name, root: requestSpanId });
    expect(isDescendant(emailSpan, byId.get(requestSpanId) as ReadableSpan, byId)).toBe(true);
    // The model is called inside the primary lane's run, which the document's run invoked: the same trace.
    const laneCall = named(spans, "inngest.step call")[0];
    expect(laneCall?.attributes["inngest.run.id"]).not.toBe(document?.runId);
    expect(modelCall && laneCall && isDescendant(modelCall, laneCall, byId)).toBe(true);
  });
});

function isDescendant(span: ReadableSpan, ancestor: ReadableSpan, byId: Map<string, ReadableSpan>): boolean {
  for (let current: ReadableSpan | undefined = span; current;) {
    const parentId: string | undefined = current.parentSpanContext?.spanId;
    if (parentId === ancestor.spanContext().spanId) return true;
    current = parentId ? byId.get(parentId) : undefined;
  }
  return false;
}
