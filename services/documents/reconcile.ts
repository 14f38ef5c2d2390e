import { listStalledDocumentIds } from "@/db/queries/documents";

/** Long enough that an upload whose event is merely on its way is not taken for a lost one. */
const STALLED_AFTER_MS = 2 * 60_000;

/** Documents still `received` well after their upload: their keel/document.received was likely lost. */
export async function listStalledDocuments(now: Date = new Date()): Promise<string[]> {
  return listStalledDocumentIds(new Date(now.getTime() - STALLED_AFTER_MS));
}
