import { AppError } from "@/lib/errors";

/** A JSON error body every route handler shares: `{ error: { code, message } }` with the code's status. */
export function errorResponse(error: AppError): Response {
  return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status });
}

/** Runs a route handler body, answering AppErrors as JSON; anything else is a bug and propagates. */
export async function handleRoute(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
}
