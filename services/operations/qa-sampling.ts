import { NonRetriableError } from "inngest";
import { getDocumentById, getLatestExtraction } from "@/db/queries/documents";
import { getOperatingSettings } from "@/db/queries/operating-settings";
import { listTasksForDocument, openTaskForDocument } from "@/db/queries/tasks";
import { qaReviewReason } from "@/domain/operations/qa-review";
import { isSampledForQa } from "@/domain/operations/qa-sample";
import { describeTask, taskRole } from "@/domain/tasks/describe";
import { fieldValues } from "@/domain/tasks/edits";
import { defaultThresholds } from "@/domain/thresholds";
import { env } from "@/lib/env";
import { announceTask } from "@/services/realtime/announce";

export type QaSample =
  { sampled: true; taskId: string } | { sampled: false; reason: "not_posted" | "person_involved" | "not_drawn" };

/**
 * Step, after posting: draws a document posted with no person involved for a QA review at the share set in
 * Settings → Operations, read now. The draw hangs on the document's id alone, so a replay draws the same way. The
 * review is opened, never waited on: the posting stands whatever it finds.
 */
export async function sampleForQaStep(documentId: string, now: Date): Promise<QaSample> {
  const document = await getDocumentById(documentId);
  if (!document) throw new NonRetriableError(`Document ${documentId} does not exist.`);
  if (document.status !== "posted") return { sampled: false, reason: "not_posted" };
  const tasks = await listTasksForDocument(documentId);
  const existing = tasks.find((task) => task.type === "QA_REVIEW");
  if (existing) return { sampled: true, taskId: existing.id };
  // Any task before posting means a person decided something: only auto-posted documents are sampled.
  if (tasks.length > 0) return { sampled: false, reason: "person_involved" };
  const { qaSampleRate } = await getOperatingSettings();
  if (!isSampledForQa(documentId, qaSampleRate)) return { sampled: false, reason: "not_drawn" };
  const extraction = await getLatestExtraction(documentId);
  const { title, description } = describeTask("QA_REVIEW", document, []);
  const deadlineMs = defaultThresholds.deadlineHours.QA_REVIEW * 3_600_000 * env().KEEL_DEADLINE_SCALE;
  const task = await openTaskForDocument({
    documentId,
    type: "QA_REVIEW",
    title,
    description,
    reasons: [qaReviewReason(qaSampleRate)],
    // The values as posted: a reported error is measured against these.
    proposed: {
      findings: [],
      extractionId: extraction?.id ?? null,
      fields: extraction ? fieldValues(extraction.extraction) : null,
    },
    assignedRole: taskRole.QA_REVIEW,
    vendorId: document.vendorId,
    amountMinor: document.totalMinor,
    currency: document.currency,
    deadlineAt: new Date(now.getTime() + deadlineMs),
  });
  await announceTask(task);
  return { sampled: true, taskId: task.id };
}
