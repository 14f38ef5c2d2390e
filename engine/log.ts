import pino, { type Logger } from "pino";

export type { Logger };

/** JSON lines on stdout; run-scoped lines come from `logger.child({ runId })`. */
export function createLogger(level: string): Logger {
  return pino({ name: "inngest-engine", level, base: { pid: process.pid } });
}
