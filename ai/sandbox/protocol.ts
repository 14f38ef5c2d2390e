/** What travels between the pool and a worker process (structured clone: typed arrays pass as they are). */
export type WorkerRequest = { type: "job"; id: number; name: string; input: unknown };

export type SerializedError = {
  name: string;
  message: string;
  /** IntakeError's reason and details, TimeoutError's operation and limit. */
  code?: string;
  details?: Record<string, string | number | boolean>;
  operation?: string;
  timeoutMs?: number;
};

export type WorkerMessage =
  | { type: "ready" }
  | { type: "result"; id: number; ok: true; value: unknown }
  | { type: "result"; id: number; ok: false; error: SerializedError };
