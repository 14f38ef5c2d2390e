import type { Attributes, Span } from "@opentelemetry/api";
import type { ReadableSpan, Span as SdkSpan } from "@opentelemetry/sdk-trace-base";

/**
 * The spans started and not yet ended in this process, by span id, so an id learnt halfway through a request can
 * still be written on the request's own span. Bounded: a span that never ends (a flow the SDK interrupted and
 * never resumed) is forgotten after MAX_OPEN newer ones.
 */
const MAX_OPEN = 10_000;
const open = new Map<string, SdkSpan>();

export function spanOpened(span: SdkSpan): void {
  open.set(span.spanContext().spanId, span);
  if (open.size > MAX_OPEN) {
    const oldest = open.keys().next().value;
    if (oldest !== undefined) open.delete(oldest);
  }
}

export function spanEnded(span: ReadableSpan): void {
  open.delete(span.spanContext().spanId);
}

/** Sets the attributes on `span` and its open ancestors in this process, where each does not have them yet. */
export function stampOpenLineage(span: Span | undefined, attributes: Attributes): void {
  let current = span ? open.get(span.spanContext().spanId) : undefined;
  for (let depth = 0; current && depth < 64; depth++) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== undefined && current.attributes[name] === undefined) current.setAttribute(name, value);
    }
    const parent = current.parentSpanContext;
    current = parent ? open.get(parent.spanId) : undefined;
  }
}
