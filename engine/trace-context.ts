import type { RunRow } from "./types";

/** The W3C trace context an event arrived with (https://www.w3.org/TR/trace-context/), handed on to its runs. */
export type TraceContext = { traceparent: string; tracestate: string | null };

// version-traceid-parentid-flags; an all-zero id is invalid, and version ff is forbidden.
const TRACEPARENT = /^(?!ff)[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
const MAX_TRACESTATE = 512;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The trace context in a request's headers, or undefined: a missing or malformed `traceparent` is ignored, as the
 * spec asks, and never refuses an event. A `tracestate` is kept only beside a valid `traceparent`, and only if short.
 */
export function traceContextFrom(headers: Record<string, string | string[] | undefined>): TraceContext | undefined {
  const traceparent = single(headers.traceparent)?.trim().toLowerCase();
  if (!traceparent || !TRACEPARENT.test(traceparent)) return undefined;
  const tracestate = single(headers.tracestate)?.trim();
  return {
    traceparent,
    tracestate:
      tracestate && tracestate.length <= MAX_TRACESTATE && /^[\x20-\x7e]+$/.test(tracestate) ? tracestate : null,
  };
}

/** A run's stored trace context, if its event brought one. */
export function runTrace(run: Pick<RunRow, "traceparent" | "tracestate">): TraceContext | undefined {
  return run.traceparent ? { traceparent: run.traceparent, tracestate: run.tracestate } : undefined;
}

/** The headers that continue a trace in the app the engine calls. */
export function traceHeaders(trace: TraceContext | undefined): Record<string, string> {
  if (!trace) return {};
  return trace.tracestate
    ? { traceparent: trace.traceparent, tracestate: trace.tracestate }
    : { traceparent: trace.traceparent };
}
