import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { auditLog, documentTexts, documents, evalCases, tasks, users, type EvalCaseRow } from "../schema";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import { taskAuditActions } from "@/domain/timeline";
import { getLatestExtraction } from "./documents";
import { recordAudit, type AuditInput } from "./audit";

/** A stored case with the name of the person who promoted it, while they still exist. */
export type EvalCaseWithPromoter = EvalCaseRow & { promotedByName: string | null };

const withPromoter = { ...tableColumns(), promotedByName: users.name };

function tableColumns() {
  const { id, documentId, taskId, filename, text, expected, promotedBy, promotedByEmail, promotedAt } = evalCases;
  return { id, documentId, taskId, filename, text, expected, promotedBy, promotedByEmail, promotedAt };
}

export async function getEvalCaseForDocument(
  documentId: string,
  tx: Executor = db(),
): Promise<EvalCaseWithPromoter | undefined> {
  const [row] = await tx
    .select(withPromoter)
    .from(evalCases)
    .leftJoin(users, eq(users.id, evalCases.promotedBy))
    .where(eq(evalCases.documentId, documentId));
  return row;
}

/** Every case, in id order: the order the export writes them and the drift check scores them. */
export async function listEvalCases(tx: Executor = db()): Promise<EvalCaseRow[]> {
  return tx.select().from(evalCases).orderBy(asc(evalCases.id));
}

/**
 * Stores a case and its audit entry together; a document already promoted keeps its first case, and the answer
 * says which one stands.
 */
export async function insertEvalCase(
  row: typeof evalCases.$inferInsert,
  audit: (stored: EvalCaseRow) => AuditInput,
): Promise<{ created: boolean; evalCase: EvalCaseWithPromoter }> {
  return db().transaction(async (tx) => {
    const [inserted] = await tx.insert(evalCases).values(row).onConflictDoNothing().returning();
    if (inserted) await recordAudit(audit(inserted), tx);
    const stored = row.documentId ? await getEvalCaseForDocument(row.documentId, tx) : undefined;
    if (!stored) throw new Error(`eval case ${row.id} was neither inserted nor found`);
    return { created: inserted !== undefined, evalCase: stored };
  });
}

/** What a decided task's document would be frozen from: the task, its document's name and text, the latest fields. */
export type PromotionSource = {
  task: {
    id: string;
    documentId: string;
    type: string;
    status: string;
    action: string | null;
    resolvedAt: Date | null;
  };
  decided: (typeof tasks.$inferSelect)["decided"];
  filename: string;
  text: ExtractedText | null;
  extraction: { extraction: Extraction; createdAt: Date } | null;
};

export async function getPromotionSource(taskId: string, tx: Executor = db()): Promise<PromotionSource | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) return undefined;
  const [row] = await tx
    .select({
      id: tasks.id,
      // The inner join below makes it the task's document, never null.
      documentId: documents.id,
      type: tasks.type,
      status: tasks.status,
      action: tasks.action,
      resolvedAt: tasks.resolvedAt,
      decided: tasks.decided,
      filename: documents.filename,
      text: documentTexts.text,
    })
    .from(tasks)
    .innerJoin(documents, eq(documents.id, tasks.documentId))
    .leftJoin(documentTexts, eq(documentTexts.documentId, tasks.documentId))
    .where(eq(tasks.id, taskId));
  if (!row) return undefined;
  const latest = await getLatestExtraction(row.documentId, tx);
  const { decided, filename, text, ...task } = row;
  return {
    task,
    decided,
    filename,
    text,
    extraction: latest ? { extraction: latest.extraction, createdAt: latest.createdAt } : null,
  };
}

/**
 * A recently corrected document: its text, its latest extraction, and the latest decision that recorded values,
 * which holds corrections a QA review reports without writing a new extraction.
 */
export type CorrectedDocument = {
  documentId: string;
  text: ExtractedText;
  extraction: { extraction: Extraction; createdAt: Date };
  decision: { decided: PromotionSource["decided"]; resolvedAt: Date | null } | null;
};

/** The documents people most recently corrected (a `task.fields_edited` entry correlated to them), newest first. */
export async function listRecentlyCorrectedDocuments(limit: number, tx: Executor = db()): Promise<CorrectedDocument[]> {
  const corrected = tx
    .select({
      documentId: sql<string>`${auditLog.correlationId}`.as("corrected_document_id"),
      at: sql`max(${auditLog.at})`.as("corrected_at"),
    })
    .from(auditLog)
    .where(and(eq(auditLog.action, taskAuditActions.fieldsEdited), sql`${auditLog.correlationId} is not null`))
    .groupBy(auditLog.correlationId)
    .as("corrected");
  const rows = await tx
    .select({ documentId: documentTexts.documentId, text: documentTexts.text })
    .from(corrected)
    .innerJoin(documentTexts, sql`${documentTexts.documentId}::text = ${corrected.documentId}`)
    .orderBy(desc(corrected.at))
    .limit(limit);
  const documents = await Promise.all(
    rows.map(async (row) => {
      const [latest, [decision]] = await Promise.all([
        getLatestExtraction(row.documentId, tx),
        tx
          .select({ decided: tasks.decided, resolvedAt: tasks.resolvedAt })
          .from(tasks)
          .where(and(eq(tasks.documentId, row.documentId), eq(tasks.status, "resolved"), isNotNull(tasks.decided)))
          .orderBy(desc(tasks.resolvedAt))
          .limit(1),
      ]);
      return latest
        ? [
            {
              ...row,
              extraction: { extraction: latest.extraction, createdAt: latest.createdAt },
              decision: decision ?? null,
            },
          ]
        : [];
    }),
  );
  return documents.flat();
}
