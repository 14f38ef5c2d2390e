import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { withCorrelation } from "@/lib/telemetry/correlation";
import { logMixin } from "@/lib/telemetry/log-context";
import { startTelemetry, stopTelemetry } from "@/lib/telemetry/provider";
import { withSpan } from "@/lib/telemetry/span";

beforeAll(() => {
  startTelemetry({ environment: parseEnv({ LOG_LEVEL: "silent" }) });
});
afterAll(async () => {
  await stopTelemetry();
});

/** A logger set up as lib/logger.ts sets it up, writing its lines here instead of to stdout. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString().trim());
      done();
    },
  });
  const logger = pino({ base: { service: "keel" }, mixin: logMixin }, stream);
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("the logger's mixin", () => {
  it("names the document, the trace and the span on a line written inside a correlated span", async () => {
    const { logger, parsed } = capturingLogger();
    let ids = { traceId: "", spanId: "" };
    await withCorrelation({ documentId: "doc-1" }, () =>
      withSpan("work", {}, (span) => {
        ids = span.spanContext();
        logger.info("inside");
      }),
    );
    expect(parsed()[0]).toMatchObject({
      msg: "inside",
      documentId: "doc-1",
      trace_id: ids.traceId,
      span_id: ids.spanId,
    });
    expect(ids.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("adds ids as the work nests: a task inside its document", () => {
    const { logger, parsed } = capturingLogger();
    withCorrelation({ documentId: "doc-2" }, () => withCorrelation({ taskId: "task-2" }, () => logger.info("nested")));
    expect(parsed()[0]).toMatchObject({ documentId: "doc-2", taskId: "task-2" });
  });

  it("adds nothing to a line written outside any correlated context or span", () => {
    const { logger, parsed } = capturingLogger();
    logger.info("outside");
    const [line] = parsed();
    expect(line).not.toHaveProperty("documentId");
    expect(line).not.toHaveProperty("trace_id");
    expect(line).not.toHaveProperty("span_id");
  });

  it("writes a field once when the line's logger binds it already", () => {
    const { logger, lines } = capturingLogger();
    withCorrelation({ documentId: "doc-3" }, () => logger.child({ documentId: "doc-3" }).info("bound"));
    expect(lines[0]?.match(/"documentId"/g)).toHaveLength(1);
  });
});
