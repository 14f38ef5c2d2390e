import { and, eq, inArray } from "drizzle-orm";
import { db, type Executor } from "../index";
import { documents, tasks } from "../schema";
import type { PeopleFacts, TaskApproval } from "@/domain/posting-authority";
import { approversOf, approvingActions } from "@/domain/tasks/actions";
import { listFieldEditors } from "./field-edits";

/**
 * Who touched a document, from the records themselves rather than from the run: its uploader, everyone who
 * corrected its fields, and each approved task with all of its approvers (four eyes stores them on the decision).
 */
export async function getPeopleFacts(documentId: string, tx: Executor = db()): Promise<PeopleFacts> {
  const [document] = await tx
    .select({ uploadedBy: documents.uploadedBy })
    .from(documents)
    .where(eq(documents.id, documentId));
  const approved = await tx
    .select({ type: tasks.type, resolvedBy: tasks.resolvedBy, parameters: tasks.parameters })
    .from(tasks)
    .where(
      and(eq(tasks.documentId, documentId), eq(tasks.status, "resolved"), inArray(tasks.action, [...approvingActions])),
    );
  const approvals = approved.map((t): TaskApproval => ({
    taskType: t.type,
    approvers: approversOf(t.parameters, t.resolvedBy),
  }));
  return { uploadedBy: document?.uploadedBy ?? null, editors: await listFieldEditors(documentId, tx), approvals };
}
