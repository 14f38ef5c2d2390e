import type { Instrumentation } from "next";

/** Next.js calls this once when the server starts. */
export async function register() {
  // Only the Node.js server; the edge runtime has no processes to watch.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so the spans of the first request are recorded; a malformed OTEL_* variable stops the start here.
  const { startTelemetry } = await import("@/lib/telemetry/provider");
  startTelemetry();
  const { exitWithLauncher } = await import("@/scripts/launcher/orphan-guard");
  exitWithLauncher(process.env.KEEL_LAUNCHER);
  // A long-running server starts the reader it keeps warm now, not on the first upload someone waits on. A
  // serverless instance (Vercel) may serve no document at all before it is frozen: there a reader waits for one.
  if (!process.env.VERCEL) {
    const { warmDocumentReaders } = await import("@/services/documents/readers");
    void warmDocumentReaders();
  }
}

/**
 * A page or action failed on the server: the person sees only the error's digest (app/error.tsx), so it is logged
 * here as the reference, next to the stack.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/lib/logger");
  const reference = (error as { digest?: unknown }).digest;
  logger.error(
    { reference, path: request.path, method: request.method, route: context.routePath, err: error },
    "unexpected error; the user was shown its reference",
  );
};
