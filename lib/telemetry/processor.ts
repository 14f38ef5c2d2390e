import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { correlationOf, correlationToAttributes } from "@/lib/telemetry/correlation";
import { spanEnded, spanOpened } from "@/lib/telemetry/open-spans";

/** Writes the context's correlation ids (keel.document_id…) on every span as it starts. */
export class CorrelationSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    span.setAttributes(correlationToAttributes(correlationOf(parentContext)));
    spanOpened(span);
  }

  onEnd(span: ReadableSpan): void {
    spanEnded(span);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
