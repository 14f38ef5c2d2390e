import type { SerializedError, StepValue } from "./types";

const MB = 1024 * 1024;

/** Inngest's limits: a step's output (and a function's return value) and a run's whole state. */
export const MAX_STEP_OUTPUT_BYTES = 4 * MB;
export const MAX_RUN_STATE_BYTES = 32 * MB;
/**
 * The most the engine reads of one SDK response: what the state limit could still let through, plus the ops'
 * envelope. A larger body is never buffered, so a runaway output cannot exhaust memory or overflow a size.
 */
export const MAX_RESPONSE_BYTES = MAX_RUN_STATE_BYTES + MB;

/** The size of a value as it is stored and sent back to the SDK. */
export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), "utf8");
}

function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** `bytes` when known: a body left unread past the limit has no size to tell. */
export function outputTooLargeError(what: string, bytes: number | undefined, limit: number): SerializedError {
  const size = bytes === undefined ? "" : ` (${megabytes(bytes)})`;
  return {
    name: "OutputTooLargeError",
    message: `${what}${size} is over the engine's ${megabytes(limit)} limit; store large data elsewhere and return a reference to it`,
  };
}

/**
 * What gets memoised for a step: its own value, or an error naming the limit it broke. Over the limit, the step
 * fails without a retry, since the same code returns the same output again.
 */
export function boundedStepValue(
  stepName: string,
  value: StepValue,
  stateBytes: number,
): { value: StepValue; bytes: number } {
  const bytes = jsonBytes(value);
  if (bytes > MAX_STEP_OUTPUT_BYTES) {
    const error = outputTooLargeError(`The output of step "${stepName}"`, bytes, MAX_STEP_OUTPUT_BYTES);
    return { value: { error }, bytes: jsonBytes({ error }) };
  }
  if (stateBytes + bytes > MAX_RUN_STATE_BYTES) {
    const error = outputTooLargeError(
      `The run's state with the output of step "${stepName}"`,
      stateBytes + bytes,
      MAX_RUN_STATE_BYTES,
    );
    return { value: { error }, bytes: jsonBytes({ error }) };
  }
  return { value, bytes };
}
