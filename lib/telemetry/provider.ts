import { context, diag, DiagLogLevel, propagation, trace, type DiagLogger } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { detectResources, envDetector, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import { env, tracesExported, type Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { CorrelationSpanProcessor } from "@/lib/telemetry/processor";

export type TelemetryOptions = {
  /** More processors, after the correlation stamp and the OTLP export: a test's in-memory exporter. */
  spanProcessors?: SpanProcessor[];
  environment?: Env;
};

const startedKey = Symbol.for("keel.telemetry.provider");
type Registry = { [startedKey]?: NodeTracerProvider };

/** The OTLP/HTTP traces URL: the traces endpoint as given, or /v1/traces under the general one, as the spec says. */
export function otlpTracesUrl(e: Env): string | undefined {
  if (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!e.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
}

/**
 * The OTLP export, or none when no endpoint is set. Spans wait in a bounded queue and leave in batches off the
 * request path: a collector that is down or never answers costs one timed-out export at a time, and spans beyond
 * the queue are dropped, so no request ever waits on it.
 */
export function otlpExportProcessor(e: Env): SpanProcessor | undefined {
  const url = otlpTracesUrl(e);
  if (!url || !tracesExported(e)) return undefined;
  const exporter = new OTLPTraceExporter({ url, timeoutMillis: e.OTEL_BSP_EXPORT_TIMEOUT });
  return new BatchSpanProcessor(exporter, {
    maxQueueSize: e.OTEL_BSP_MAX_QUEUE_SIZE,
    maxExportBatchSize: e.OTEL_BSP_MAX_EXPORT_BATCH_SIZE,
    scheduledDelayMillis: e.OTEL_BSP_SCHEDULE_DELAY,
    exportTimeoutMillis: e.OTEL_BSP_EXPORT_TIMEOUT,
  });
}

/**
 * Registers Keel's tracer provider for this process (once; later calls return the first): spans are always
 * recorded, carry the correlation ids, and are exported when an OTLP endpoint is configured. Next.js emits its
 * request and render spans through the same global provider once it is registered.
 */
export function startTelemetry(options: TelemetryOptions = {}): NodeTracerProvider {
  const registry = globalThis as Registry;
  const running = registry[startedKey];
  if (running) return running;
  const e = options.environment ?? env();
  const exported = otlpExportProcessor(e);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: "keel" }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: [
      new CorrelationSpanProcessor(),
      ...(exported ? [exported] : []),
      ...(options.spanProcessors ?? []),
    ],
  });
  provider.register();
  diag.setLogger(throttledDiagLogger(), DiagLogLevel.WARN);
  registry[startedKey] = provider;
  if (exported) logger.info({ url: otlpTracesUrl(e) }, "exporting traces over OTLP/HTTP");
  return provider;
}

/** Flushes and unregisters the provider, so a test can start another. */
export async function stopTelemetry(): Promise<void> {
  const registry = globalThis as Registry;
  const running = registry[startedKey];
  registry[startedKey] = undefined;
  await running?.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
  diag.disable();
}

const DIAG_EVERY_MS = 60_000;

/** The SDK's own complaints (an export failed, spans dropped) in Keel's log, at most one a minute of each kind. */
function throttledDiagLogger(): DiagLogger {
  const lastAt = new Map<string, number>();
  const say =
    (level: "warn" | "error") =>
    (message: string, ...args: unknown[]) => {
      const kind = message.slice(0, 40);
      const now = Date.now();
      if (now - (lastAt.get(kind) ?? -Infinity) < DIAG_EVERY_MS) return;
      lastAt.set(kind, now);
      logger[level]({ detail: args.map((arg) => (arg instanceof Error ? arg.message : arg)) }, `telemetry: ${message}`);
    };
  const quiet = () => undefined;
  return { error: say("error"), warn: say("warn"), info: quiet, debug: quiet, verbose: quiet };
}
