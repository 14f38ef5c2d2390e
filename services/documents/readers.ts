import { sandboxSettings, warmDocumentPool } from "@/ai/sandbox";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * A server's start: the document reader the pool keeps warm is started now, with pdf.js loaded in it, so the first
 * upload someone waits on does not pay for a reader's start. Best effort: a reader that cannot start is reported by
 * the first job that needs one, with the reason.
 */
export async function warmDocumentReaders(): Promise<void> {
  try {
    await warmDocumentPool(sandboxSettings(env()));
  } catch (error) {
    logger.warn({ err: error }, "could not start a document reader ahead of the first document");
  }
}
