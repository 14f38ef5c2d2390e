/**
 * How the chain treats a failed model call: `transient` (429, 5xx, timeouts, dropped connections) is retried with
 * backoff before the next provider is asked; `permanent`, `invalid_output` (after one corrected retry) and `budget`
 * hand over to the next provider at once.
 */
export type FailureClass = "transient" | "permanent" | "invalid_output" | "budget";

export class ProviderError extends Error {
  constructor(
    readonly failureClass: FailureClass,
    message: string,
    readonly detail: {
      status?: number | undefined;
      retryAfterMs?: number | null | undefined;
      code?: string | undefined;
    } = {},
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

/** 408, 409, 425, 429, 5xx (529 = overloaded), timeouts and dropped connections are worth another try; the rest is not. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}
