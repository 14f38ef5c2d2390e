import { and, eq, inArray } from "drizzle-orm";
import { db, type Executor } from "../index";
import { documents, tasks } from "../schema";
import type { PeopleFacts, TaskApproval } from "@/domain/posting-authority";
import { listFieldEditors } from "./field-edits";

/** The task actions that approve: what the run treats as a go-ahead (see `readDecisionStep`). */
export const approvingActions = ["approve", "edit_and_approve", "create_vendor"] as const;

/**
 * Who touched a document, from the records themselves rather than from the run: its uploader, everyone who
 * corrected its fields, and each approved task with all of its approvers (four eyes stores them on the decision).
 */
export async function getPeopleFacts(documentId: string, tx: Executor = db()): Promise<PeopleFacts> {
  const [document] = await tx.select({ uploadedBy: documents.uploadedBy }).from(documents).where(eq(documents.id, documentId));
  const approved = await tx
    .select({ type: tasks.type, resolvedBy: tasks.resolvedBy, parameters: tasks.parameters })
    .from(tasks)
    .where(and(eq(tasks.documentId, documentId), eq(tasks.status, "resolved"), inArray(tasks.action, [...approvingActions])));
  const approvals = approved.map((t): TaskApproval => ({ taskType: t.type, approvers: approversOf(t.parameters, t.resolvedBy) }));
  return { uploadedBy: document?.uploadedBy ?? null, editors: await listFieldEditors(documentId, tx), approvals };
}

function approversOf(parameters: unknown, resolvedBy: string | null): string[] {
  const listed = (parameters as { approvers?: unknown } | null)?.approvers;
  if (Array.isArray(listed) && listed.every((id) => typeof id === "string")) return listed;
  return resolvedBy === null ? [] : [resolvedBy];
}
