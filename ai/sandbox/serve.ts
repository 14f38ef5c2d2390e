import { IntakeError } from "@/intake/errors";
import { TimeoutError } from "@/lib/timeout";

import type { SerializedError, WorkerMessage, WorkerRequest } from "./protocol";

export type JobHandlers = Record<string, (input: never) => unknown>;

/**
 * The body of a worker process: runs one job at a time as the pool sends them and answers with its result or
 * its error as plain data. Leaves when the pool goes away, so a killed server leaves no readers behind.
 */
export function serveJobs(handlers: JobHandlers): void {
  const send = (message: WorkerMessage) => process.send?.(message);
  process.on("message", (request: WorkerRequest) => {
    void (async () => {
      const handler = handlers[request.name];
      try {
        if (!handler) throw new Error(`Unknown job ${request.name}`);
        const value = await (handler as (input: unknown) => unknown)(request.input);
        send({ type: "result", id: request.id, ok: true, value });
      } catch (error) {
        send({ type: "result", id: request.id, ok: false, error: serializeError(error) });
      }
    })();
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready" });
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof IntakeError)
    return { name: error.name, message: error.message, code: error.reason, details: error.details };
  if (error instanceof TimeoutError)
    return { name: error.name, message: error.message, operation: error.operation, timeoutMs: error.timeoutMs };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}
