import { unstable_rethrow } from "next/navigation";
import { env } from "@/lib/env";
import { AppError, errorBody } from "@/lib/errors";
import { reportInternalError } from "@/lib/internal-error";
import { fromSameOrigin } from "@/lib/origin";

/** Every AppError, IntakeError included, answered the same way: its body with its status. */
export function errorResponse(error: AppError): Response {
  return Response.json(errorBody(error), { status: error.status });
}

/**
 * Runs a route handler body, answering AppErrors as JSON. Anything else is a bug: it is logged under a reference
 * and answered 500 with a sentence naming that reference, never with its message or stack.
 */
export async function handleRoute(body: () => Promise<Response>): Promise<Response> {
  try {
    return await body();
  } catch (error) {
    // notFound(), redirect() and the like are Next's control flow, not failures.
    unstable_rethrow(error);
    if (error instanceof AppError) return errorResponse(error);
    const { message } = reportInternalError(error);
    return Response.json({ error: { code: "internal", message } }, { status: 500 });
  }
}

/**
 * handleRoute for a handler that the session cookie authenticates: a request that would change something and
 * comes from another site is refused before the body runs, as Next refuses such a server action.
 */
export async function handleSessionRoute(request: Request, body: () => Promise<Response>): Promise<Response> {
  return handleRoute(async () => {
    const configured = env().AUTH_URL;
    if (!fromSameOrigin(request, configured ? [configured] : [])) {
      throw new AppError(
        "forbidden:origin",
        "Keel refused this request because it came from another website. Upload and change documents from Keel's own pages.",
      );
    }
    return body();
  });
}
