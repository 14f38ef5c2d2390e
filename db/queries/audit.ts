import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "../index";
import { auditLog, type AuditEntry, type NewAuditEntry } from "../schema";

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

/** What the Audit page narrows the log to; every part is optional and they combine. */
export type AuditFilter = {
  /** Part of the actor's label (an email, "pipeline", "deadline"), any case. */
  actor?: string | undefined;
  /** An action exactly ("task.reject"), or every action that starts with a prefix ending in "*" ("task.*"). */
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  /** What the entry belongs with: a task's document, so one document's entries and its tasks' come together. */
  correlationId?: string | undefined;
  /** From this moment (inclusive) to that one (exclusive). */
  from?: Date | undefined;
  to?: Date | undefined;
};

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function auditConditions(filter: AuditFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.actor) where.push(sql`${auditLog.actorLabel} ilike ${`%${likeEscaped(filter.actor)}%`}`);
  if (filter.action?.endsWith("*"))
    where.push(sql`${auditLog.action} like ${`${likeEscaped(filter.action.slice(0, -1))}%`}`);
  else if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.subjectType) where.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId) where.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.correlationId) where.push(eq(auditLog.correlationId, filter.correlationId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  return where;
}

export type AuditPage = { entries: AuditEntry[]; next: number | null };

/**
 * One page of the audit log, newest first, after the entry `after` (its id). The log is append-only and its ids
 * only grow, so the primary key is the keyset: a page is an index range however many entries come in meanwhile.
 */
export async function listAuditEntries(
  filter: AuditFilter,
  page: { after?: number | undefined; limit: number },
  tx: Executor = db(),
): Promise<AuditPage> {
  const where = auditConditions(filter);
  if (page.after !== undefined) where.push(lt(auditLog.id, page.after));
  const rows = await tx
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(page.limit + 1);
  const entries = rows.slice(0, page.limit);
  return { entries, next: rows.length > page.limit ? (entries.at(-1)?.id ?? null) : null };
}
