import type { Actor } from "@/db/queries/audit";
import { markForReplay } from "@/db/queries/documents";
import { startPipeline } from "./receive";

/**
 * Starts a new run of a failed document, from the Exceptions page or the CLI. Steps whose results are stored are
 * reused, so it resumes where it failed; a document that is not failed (a replay may already be running) is left
 * alone.
 */
export async function replayDocument(
  documentId: string,
  actor: Actor,
): Promise<{ ok: true; replay: number } | { ok: false; reason: "not_failed" }> {
  const result = await markForReplay(documentId, actor);
  if (!result.ok) return result;
  await startPipeline(documentId, result.replay);
  return result;
}
