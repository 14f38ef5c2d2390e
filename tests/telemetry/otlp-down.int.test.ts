import http from "node:http";
import type { AddressInfo } from "node:net";
import { diag, DiagLogLevel } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { otlpExportProcessor } from "@/lib/telemetry/provider";

const EXPORT_TIMEOUT_MS = 1_000;
const QUEUE = 20;

/** Keel's export, aimed at `endpoint`, with a small queue and short timeout so a test sees both limits. */
function exportingTo(endpoint: string) {
  const processor = otlpExportProcessor(
    parseEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_MAX_QUEUE_SIZE: String(QUEUE),
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "10",
      OTEL_BSP_SCHEDULE_DELAY: "10",
      OTEL_BSP_EXPORT_TIMEOUT: String(EXPORT_TIMEOUT_MS),
    }),
  );
  if (!processor) throw new Error("no export processor for a configured endpoint");
  return new NodeTracerProvider({ spanProcessors: [processor] });
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

/** A collector that takes the connection and the request, and never answers. */
async function silentCollector() {
  const requests: string[] = [];
  const server = http.createServer((req) => {
    requests.push(req.url ?? "");
  });
  const url = await listen(server);
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An address nothing listens on: a port taken, then let go. */
async function closedPort(): Promise<string> {
  const server = http.createServer();
  const url = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

/** A server whose every request makes a span with ten children, as a traced Keel request does; returns latencies. */
async function timeTracedRequests(provider: NodeTracerProvider, count: number): Promise<number[]> {
  const tracer = provider.getTracer("test");
  const server = http.createServer((_req, res) => {
    tracer.startActiveSpan("GET /work", (span) => {
      for (let i = 0; i < 10; i++) tracer.startSpan(`child ${String(i)}`).end();
      span.end();
      res.end("ok");
    });
  });
  const url = await listen(server);
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      const res = await fetch(url);
      await res.text();
      latencies.push(performance.now() - started);
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return latencies;
}

let diagnostics: string[];
let rejections: unknown[];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeEach(() => {
  diagnostics = [];
  rejections = [];
  const keep = (level: string) => (message: string) => diagnostics.push(`${level}: ${message}`);
  // Debug too: the processor says so at debug level the moment it starts dropping spans.
  diag.setLogger(
    { error: keep("error"), warn: keep("warn"), info: keep("info"), debug: keep("debug"), verbose: () => {} },
    DiagLogLevel.DEBUG,
  );
  process.on("unhandledRejection", onRejection);
});

afterEach(() => {
  process.off("unhandledRejection", onRejection);
  diag.disable();
});

describe("an OTLP endpoint that is down", () => {
  it("never slows a traced request when the collector takes the request and never answers, and drops what the queue cannot hold", async () => {
    const collector = await silentCollector();
    const provider = exportingTo(collector.url);
    try {
      const latencies = await timeTracedRequests(provider, 40);
      // 440 spans against a queue of 20: a request that waited on the export would take its whole timeout.
      expect(Math.max(...latencies)).toBeLessThan(EXPORT_TIMEOUT_MS / 2);
      await until(() => diagnostics.some((w) => w.includes("maxQueueSize reached, dropping spans")));
      expect(collector.requests.every((path) => path === "/v1/traces")).toBe(true);
      expect(collector.requests.length).toBeGreaterThan(0);
    } finally {
      const started = performance.now();
      await provider.shutdown().catch(() => undefined);
      // Shutting down waits at most one export timeout for what is left, not forever.
      expect(performance.now() - started).toBeLessThan(EXPORT_TIMEOUT_MS * 3);
      await collector.close();
    }
    // Past every export's timeout: a rejection nobody handled would have surfaced by now.
    await new Promise((resolve) => setTimeout(resolve, EXPORT_TIMEOUT_MS + 200));
    expect(rejections).toEqual([]);
  });

  it("never slows a traced request when nothing listens at the endpoint, and leaves no rejection unhandled", async () => {
    const provider = exportingTo(await closedPort());
    try {
      const latencies = await timeTracedRequests(provider, 40);
      expect(Math.max(...latencies)).toBeLessThan(EXPORT_TIMEOUT_MS / 2);
      // The failed export is reported, not thrown.
      await until(() => diagnostics.some((line) => line.startsWith("error: ")));
    } finally {
      await provider.shutdown().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rejections).toEqual([]);
  });
});

async function until(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out; diagnostics so far: ${JSON.stringify(diagnostics)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
