import { getDocumentById } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import type { Task } from "@/db/schema";
import { expect } from "../fixtures";

/** The task a document's run waits on now, or "posted" once the run posted it without asking anyone else. */
export async function nextStep(documentId: string): Promise<Task | "posted"> {
  let next: Task | "posted" | undefined;
  await expect
    .poll(
      async () => {
        // A QA review samples a document after it posted; the run never waits on one.
        next = (await listTasksForDocument(documentId)).find((t) => t.status === "open" && t.type !== "QA_REVIEW");
        if (!next && (await getDocumentById(documentId))?.status === "posted") next = "posted";
        return next !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  if (next === undefined) throw new Error("unreachable");
  return next;
}
