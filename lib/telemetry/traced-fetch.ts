import { context, propagation } from "@opentelemetry/api";

/**
 * fetch that sends the active trace context (W3C `traceparent`, `tracestate`) with each request: given to the
 * Inngest client, it makes an event carry the trace of the request that sent it, which the engine hands on to every
 * call of the run the event starts. Without an active span nothing is added.
 */
export const tracedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
  return fetch(input, { ...init, headers });
};
