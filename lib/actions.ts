import { unstable_rethrow } from "next/navigation";
import { AppError, failure, type ActionFailure } from "@/lib/errors";
import { reportInternalError } from "@/lib/internal-error";
import { traceServerAction } from "@/lib/telemetry/action-span";

/**
 * Runs a server action body, turning the AppErrors it throws (unauthenticated, forbidden…) into a result. Anything
 * else is a bug: logged under a reference, and the person is told that reference in a sentence, not the error.
 */
export async function handleAction<T>(body: () => Promise<T>): Promise<T | ActionFailure> {
  return traceServerAction(async (fail) => {
    try {
      return await body();
    } catch (error) {
      // redirect() and notFound() are Next's control flow, not failures.
      unstable_rethrow(error);
      if (error instanceof AppError) return failure(error);
      fail(error);
      const { message } = reportInternalError(error);
      return { ok: false, code: "internal", message };
    }
  });
}
