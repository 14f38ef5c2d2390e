import type { EngineContext } from "./context";
import { canonicalJson } from "./jcs";
import { MAX_RESPONSE_BYTES } from "./limits";
import { signBody, verifySignature } from "./signing";
import { traceHeaders, type TraceContext } from "./trace-context";
import type { EventPayload, StepValue } from "./types";

export type CallRequest = {
  url: string;
  stepId: string;
  runId: string;
  event: EventPayload;
  events: EventPayload[];
  steps: Record<string, StepValue>;
  stack: string[];
  attempt: number;
  maxAttempts: number;
  forceStepPlan: boolean;
  version: number;
  /** The run's trace, continued by the app's spans for this call; absent for runs whose event brought none. */
  trace?: TraceContext | undefined;
  /** Set when checkpointing is on: what the SDK sends back with each checkpoint, to name this call. */
  checkpoint?: CheckpointIds | undefined;
};

/** The function, the claimed job and the claim's generation: a checkpoint naming an older claim is stale. */
export type CheckpointIds = { fnId: string; jobId: string; generation: number; requestId: string };

export type CallResult =
  | {
      kind: "response";
      status: number;
      body: unknown;
      noRetry: boolean | undefined;
      retryAfter: string | undefined;
      reqVersion: number | undefined;
      durationMs: number;
    }
  /** The app could not be reached: not the function's fault, so no attempt is used. */
  | { kind: "unreachable"; error: string; durationMs: number }
  /** A response we must not trust (bad signature): counts as a failed attempt. */
  | { kind: "rejected"; error: string; durationMs: number }
  /** A body over MAX_RESPONSE_BYTES: left unread after the limit, so its ops are unknown. */
  | { kind: "too_large"; error: string; bytes: number; durationMs: number };

/** The SDK's request body. Without ctx.fn_id the SDK keeps checkpointing off. */
export function requestBody(req: CallRequest) {
  const checkpoint = req.checkpoint
    ? {
        fn_id: req.checkpoint.fnId,
        qi_id: req.checkpoint.jobId,
        generation_id: req.checkpoint.generation,
        request_id: req.checkpoint.requestId,
      }
    : {};
  return {
    event: req.event,
    events: req.events,
    steps: req.steps,
    version: req.version,
    ctx: {
      run_id: req.runId,
      attempt: req.attempt,
      max_attempts: req.maxAttempts,
      disable_immediate_execution: req.forceStepPlan,
      use_api: false,
      stack: { stack: req.stack, current: req.stack.length },
      ...checkpoint,
    },
  };
}

export async function callApp(ctx: EngineContext, req: CallRequest): Promise<CallResult> {
  const started = performance.now();
  const body = canonicalJson(requestBody(req));
  const url = new URL(req.url);
  url.searchParams.set("stepId", req.stepId);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-run-id": req.runId,
    "x-inngest-step-id": req.stepId,
    "x-inngest-req-version": String(req.version),
    ...traceHeaders(req.trace),
    // The SDK reads these two from the headers, not the body, and returns them in every checkpoint.
    ...(req.checkpoint
      ? { "x-request-id": req.checkpoint.requestId, "x-inngest-generation-id": String(req.checkpoint.generation) }
      : {}),
  };
  if (ctx.signingKey) headers["x-inngest-signature"] = signBody(body, ctx.signingKey);
  let res: Response;
  let text: string | { over: number };
  try {
    res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(ctx.timing.callTimeoutMs) });
    text = await readCapped(res, MAX_RESPONSE_BYTES);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      kind: "unreachable",
      error: `${(error as Error).message}${cause ? ` (${cause})` : ""}`,
      durationMs: performance.now() - started,
    };
  }
  const durationMs = performance.now() - started;
  if (typeof text !== "string") {
    return {
      kind: "too_large",
      error: `response from ${url.origin} is over ${String(MAX_RESPONSE_BYTES)} bytes (at least ${String(text.over)})`,
      bytes: text.over,
      durationMs,
    };
  }
  if (ctx.signingKey && res.status !== 401) {
    const signature = res.headers.get("x-inngest-signature");
    const valid =
      verifySignature(text, signature, ctx.signingKey) ||
      (ctx.signingKeyFallback !== undefined && verifySignature(text, signature, ctx.signingKeyFallback));
    if (!valid)
      return { kind: "rejected", error: `response from ${url.origin} has no valid x-inngest-signature`, durationMs };
  }
  let parsed: unknown = text;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    // A non-JSON body (a proxy's error page) is kept as text for the attempt log.
  }
  const noRetry = res.headers.get("x-inngest-no-retry");
  const version = Number(res.headers.get("x-inngest-req-version"));
  return {
    kind: "response",
    status: res.status,
    body: parsed,
    noRetry: noRetry === null ? undefined : noRetry === "true",
    retryAfter: res.headers.get("retry-after") ?? undefined,
    reqVersion: Number.isInteger(version) && res.headers.has("x-inngest-req-version") ? version : undefined,
    durationMs,
  };
}

/** The body as text, or how far it got past `max` bytes before reading stopped. */
async function readCapped(res: Response, max: number): Promise<string | { over: number }> {
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > max) {
    await res.body?.cancel();
    return { over: declared };
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return { over: size };
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}
