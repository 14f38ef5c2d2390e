import { z } from "zod";
import { actionSchemas } from "../tasks/actions";
import {
  correctedFields,
  taskAuditActions,
  taskTimeline,
  type AuditActor,
  type TaskAuditEntry,
  type TimelineEntry,
} from "../timeline";

/**
 * How a QA review is decided: `confirm`, the machine read the document right, or `report_errors` with the values
 * as they should have been read. Neither changes what posted.
 */
export const qaActionSchemas = {
  confirm: z.object({ extractionId: z.uuid().optional() }),
  report_errors: actionSchemas.edit_and_approve,
} as const;

export type QaActionName = keyof typeof qaActionSchemas;

export const qaActionLabels: Record<QaActionName, string> = {
  confirm: "Read correctly",
  report_errors: "Report errors",
};

/** Why a QA review was opened, as its reasons list says. */
export function qaReviewReason(rate: number): string {
  const percent = Math.round(rate * 1_000_000) / 10_000;
  return `Sampled for QA: ${String(percent)} % of documents posted without a person get a second look. Nothing waits on it and the posting stands.`;
}

/** Why a QA review closed unseen; the posting it sampled is not affected. */
export const qaReviewExpiredReason =
  "Nobody reviewed this sample within its week; the document stays posted as it was.";

/**
 * The record of a QA review's reported errors besides its resolution: a `task.fields_edited` entry like any
 * correction, so the monitor counts it, and a line on the document's timeline.
 */
export function qaFindingRecords(
  task: { id: string; documentId: string; amountMinor: number | null; currency: string | null },
  actor: AuditActor,
  changes: readonly unknown[],
  currency: string | null,
): { audit: TaskAuditEntry; timeline: TimelineEntry } {
  return {
    audit: {
      actor,
      action: taskAuditActions.fieldsEdited,
      subjectType: "task",
      subjectId: task.id,
      correlationId: task.documentId,
      before: { amountMinor: task.amountMinor, currency: task.currency },
      after: { changes, voidedApprovals: [], qaReview: true },
    },
    timeline: {
      documentId: task.documentId,
      kind: "decision",
      label: taskTimeline.qaErrorsReported(actor.label, correctedFields(changes, currency)),
      data: { taskId: task.id, changes },
      dedupeKey: `qa-finding:${task.id}`,
    },
  };
}
