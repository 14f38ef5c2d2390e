import { db } from "../index";
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
