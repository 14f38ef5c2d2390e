import pino from "pino";
import { env } from "@/lib/env";

/** Structured JSON logs; pass the correlation id (documentId, runId, taskId) in the bindings of every line. */
export const logger = pino({
  level: env().LOG_LEVEL,
  base: { service: "keel" },
  redact: ["password", "*.password", "passwordHash", "*.passwordHash", "token", "*.token"],
});
