import { AppError, failure, type ActionFailure } from "@/lib/errors";

/** Runs a server action body, turning the AppErrors it throws (unauthenticated, forbidden…) into a result. */
export async function handleAction<T>(body: () => Promise<T>): Promise<T | ActionFailure> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof AppError) return failure(error);
    throw error;
  }
}
