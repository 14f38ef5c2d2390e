import { SpanStatusCode, trace } from "@opentelemetry/api";

/**
 * A server action's own span, under the request span Next.js opens for its POST (Next traces no action itself). An
 * action answers a bug with a result, not a throw, so `fail` is how the span learns of it; redirect() and the like
 * pass through as they are, and are no failure.
 */
export function traceServerAction<T>(fn: (fail: (error: unknown) => void) => Promise<T>): Promise<T> {
  return trace.getTracer("keel").startActiveSpan("server action", async (span) => {
    try {
      return await fn((error) => {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      });
    } finally {
      span.end();
    }
  });
}
