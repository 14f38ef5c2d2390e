import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, tracesExported } from "@/lib/env";
import { otlpExportProcessor, otlpTracesUrl } from "@/lib/telemetry/provider";

describe("the OTLP settings", () => {
  it("refuses a malformed OTEL_EXPORTER_OTLP_ENDPOINT at start, naming it and saying what it must be", () => {
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "localhost:4318" })).toThrow(EnvError);
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL of an OTLP\/HTTP collector/,
    );
    expect(() => parseEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "grpc://collector:4317" })).toThrow(
      /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/,
    );
  });

  it("refuses a batch larger than the queue it is taken from", () => {
    expect(() => parseEnv({ OTEL_BSP_MAX_QUEUE_SIZE: "100", OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "200" })).toThrow(
      /OTEL_BSP_MAX_EXPORT_BATCH_SIZE: must not be above OTEL_BSP_MAX_QUEUE_SIZE \(100\)/,
    );
  });

  it("exports nothing when no endpoint is set", () => {
    const e = parseEnv({});
    expect(tracesExported(e)).toBe(false);
    expect(otlpExportProcessor(e)).toBeUndefined();
  });

  it("sends traces to /v1/traces under the endpoint, or to the traces endpoint exactly as given", () => {
    expect(otlpTracesUrl(parseEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }))).toBe(
      "http://collector:4318/v1/traces",
    );
    expect(
      otlpTracesUrl(
        parseEnv({
          OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example.com/otlp",
        }),
      ),
    ).toBe("https://traces.example.com/otlp");
  });
});
