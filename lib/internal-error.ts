import { ulid } from "ulid";
import { internalErrorMessage } from "@/lib/errors";
import { logger } from "@/lib/logger";

/**
 * Logs an unexpected error under a new reference and returns the sentence to show instead: the reference is what
 * lets an admin find the stack in the log.
 */
export function reportInternalError(
  error: unknown,
  context: Record<string, unknown> = {},
): { reference: string; message: string } {
  const reference = ulid();
  logger.error({ reference, ...context, err: error }, "unexpected error; the user was shown its reference");
  return { reference, message: internalErrorMessage(reference) };
}
