import pino from "pino";
import { env } from "@/lib/env";
import { logMixin } from "@/lib/telemetry/log-context";

/**
 * Structured JSON logs. Every line written inside a correlated context (lib/telemetry/correlation.ts) names its
 * documentId (ticketId, taskId) and the active trace_id and span_id without being told; pass other ids (runId) in
 * the bindings.
 */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: "keel" },
  mixin: logMixin,
  redact: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token"],
});
