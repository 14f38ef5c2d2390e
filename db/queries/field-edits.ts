import { and, eq, isNotNull } from "drizzle-orm";
import { db, type Executor } from "../index";
import { auditLog } from "../schema";

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
