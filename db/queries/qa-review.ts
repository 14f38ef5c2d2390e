import { and, asc, eq, lt } from "drizzle-orm";
import { db } from "../index";
import { tasks } from "../schema";
import type { FieldValues } from "@/domain/tasks/edits";
import type { TaskAuditEntry, TimelineEntry } from "@/domain/timeline";
import { recordAudit } from "./audit";
import { recordDocumentEvent } from "./documents";
import { resolveTask, type ResolveResult } from "./tasks";

/**
 * A QA review's decision in one transaction: the task resolved with its action and the values as decided, and for
 * reported errors their correction record. No event: no run waits on a QA review.
 */
export async function recordQaDecision(input: {
  taskId: string;
  actor: { id: string; label: string };
  action: string;
  parameters: Record<string, unknown>;
  decided: Partial<FieldValues> | null;
  finding?: { audit: TaskAuditEntry; timeline: TimelineEntry } | undefined;
}): Promise<ResolveResult> {
  return db().transaction(async (tx) => {
    const { finding, decided, ...resolution } = input;
    const resolved = await resolveTask({ ...resolution, ...(decided ? { decided } : {}) }, tx);
    if (!resolved.ok || !finding) return resolved;
    await recordAudit(finding.audit, tx);
    await recordDocumentEvent(finding.timeline, tx);
    return resolved;
  });
}

/** Open QA reviews past their deadline, oldest first: nothing waits on them, so nothing else ever closes them. */
export async function listOverdueQaReviews(now: Date, limit = 500): Promise<string[]> {
  const rows = await db()
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.type, "QA_REVIEW"), eq(tasks.status, "open"), lt(tasks.deadlineAt, now)))
    .orderBy(asc(tasks.deadlineAt))
    .limit(limit);
  return rows.map((row) => row.id);
}
