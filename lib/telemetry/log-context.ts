import { trace } from "@opentelemetry/api";
import { correlationOf } from "@/lib/telemetry/correlation";

export type LogContext = {
  documentId?: string;
  ticketId?: string;
  taskId?: string;
  trace_id?: string;
  span_id?: string;
};

/** The correlation ids and the active span of the current context, as fields of a log line (pino's mixin). */
export function logContext(): LogContext {
  const fields: LogContext = { ...correlationOf() };
  const span = trace.getActiveSpan()?.spanContext();
  if (span && trace.isSpanContextValid(span)) {
    fields.trace_id = span.traceId;
    fields.span_id = span.spanId;
  }
  return fields;
}

/**
 * pino's mixin: the log context, less what the line's logger already binds (a child logger made with its own
 * documentId), so no line names a field twice.
 */
export function logMixin(_line: object, _level: number, instance: { bindings(): Record<string, unknown> }): LogContext {
  const fields = logContext();
  if (Object.keys(fields).length === 0) return fields;
  const bound = instance.bindings();
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !(name in bound)));
}
