import { and, asc, eq, isNotNull } from "drizzle-orm";
import { db, type Executor } from "../index";
import { auditLog, users } from "../schema";

/**
 * The people who corrected a document's extracted fields, by user id. A correction is always saved with a
 * `task.fields_edited` audit entry correlated to the document, whatever task it was made on, so the audit log is
 * the record; the extraction's `person:<email>` provider names only the latest editor.
 */
export async function listFieldEditors(documentId: string, tx: Executor = db()): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ actorId: auditLog.actorId })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.correlationId, documentId),
        eq(auditLog.action, "task.fields_edited"),
        isNotNull(auditLog.actorId),
      ),
    );
  return rows.flatMap((r) => (r.actorId ? [r.actorId] : []));
}

/** One person's correction of a document's fields: who, when, and the changes as the decision recorded them. */
export type FieldEditEntry = { by: string; at: Date; changes: unknown[] };

/** Every correction of a document's fields, oldest first, named by the person's name where they still exist. */
export async function listFieldEdits(documentId: string, tx: Executor = db()): Promise<FieldEditEntry[]> {
  const rows = await tx
    .select({ name: users.name, label: auditLog.actorLabel, at: auditLog.at, after: auditLog.after })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.correlationId, documentId), eq(auditLog.action, "task.fields_edited")))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return rows.map((r) => {
    const changes = r.after?.changes;
    return { by: r.name ?? r.label, at: r.at, changes: Array.isArray(changes) ? (changes as unknown[]) : [] };
  });
}
