import { and, desc, eq } from "drizzle-orm";
import { db, type Executor } from "../index";
import { auditLog, type NewAuditEntry } from "../schema";

/** Who acted: a signed-in user, or the system (a run, a deadline, the seed). */
export type Actor = { id: string | null; label: string };

export const systemActor = (label: string): Actor => ({ id: null, label });

export type AuditInput = Omit<NewAuditEntry, "id" | "at" | "actorId" | "actorLabel"> & { actor: Actor };

export async function recordAudit(input: AuditInput, tx: Executor = db()): Promise<void> {
  const { actor, ...entry } = input;
  await tx.insert(auditLog).values({ ...entry, actorId: actor.id, actorLabel: actor.label });
}

export async function listAuditForSubject(subjectType: string, subjectId: string, tx: Executor = db()) {
  return tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, subjectId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id));
}
