import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { parseEnv } from "@/lib/env";
import { startTelemetry, stopTelemetry } from "@/lib/telemetry/provider";

/** Registers the test file's tracer provider with an in-memory exporter, emptied before each test. */
export function recordSpans(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    startTelemetry({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
      environment: parseEnv({ LOG_LEVEL: "silent" }),
    });
  });
  afterAll(async () => {
    await stopTelemetry();
  });
  beforeEach(() => {
    exporter.reset();
  });
  return exporter;
}
