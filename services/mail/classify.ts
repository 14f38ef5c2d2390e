/** After this many attempts an email that still could not be handed over is given up on. */
export const MAX_DELIVERY_ATTEMPTS = 8;

export type DeliveryFailure = { permanent: boolean; error: string };

const MAX_ERROR_LENGTH = 500;

/**
 * A 5xx reply is the server refusing the message for good; anything else (4xx, a refused connection, a
 * timeout) may pass on a later try. Bad credentials answer 535 but are Keel's misconfiguration, not the
 * message's fault: fixing SMTP_URL should let the queue drain rather than find it failed.
 */
export function classifySmtpError(error: unknown): DeliveryFailure {
  const { responseCode, code, message } = describe(error);
  const permanent = responseCode !== undefined && responseCode >= 500 && code !== "EAUTH";
  return { permanent, error: message.slice(0, MAX_ERROR_LENGTH) };
}

function describe(error: unknown): { responseCode?: number; code?: string; message: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & { responseCode?: unknown; code?: unknown };
  return {
    responseCode: typeof fields.responseCode === "number" ? fields.responseCode : undefined,
    code: typeof fields.code === "string" ? fields.code : undefined,
    message: error.message,
  };
}

export type NextStep = { status: "failed" } | { status: "retry"; retryInMs: number };

/** What becomes of an email whose attempt number `attempts` failed: doubling waits from a minute, capped at an hour. */
export function afterFailure(failure: DeliveryFailure, attempts: number): NextStep {
  if (failure.permanent || attempts >= MAX_DELIVERY_ATTEMPTS) return { status: "failed" };
  return { status: "retry", retryInMs: Math.min(60_000 * 2 ** Math.max(attempts - 1, 0), 60 * 60_000) };
}
