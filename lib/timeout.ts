/**
 * A step that took too long. Unlike IntakeError it is not about the file: the pipeline may retry it (a plain
 * throw) because a busy machine, not the bytes, is the likely cause.
 */
export class TimeoutError extends Error {
  readonly operation: string;
  readonly timeoutMs: number;
  constructor(operation: string, timeoutMs: number) {
    super(`${operation} did not finish within ${timeoutMs} ms`);
    this.name = "TimeoutError";
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/** Settles with `work`, or rejects with TimeoutError after `timeoutMs` and calls `onTimeout` to release resources. */
export async function withTimeout<T>(
  operation: string,
  timeoutMs: number,
  work: Promise<T>,
  onTimeout?: () => unknown,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TimeoutError(operation, timeoutMs));
      void Promise.resolve()
        .then(onTimeout)
        .catch(() => undefined);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
