import { finishDocument, getDocumentById, recordDocumentEvent, setDocumentStatus } from "@/db/queries/documents";
import { documentTimeline } from "@/domain/timeline";
import { expireTask, getTaskById } from "@/db/queries/tasks";
import { approvingActions } from "@/domain/tasks/actions";
import { NonRetriableError } from "inngest";
import { reportInternalError } from "@/lib/internal-error";
import { announceDocument, announceTask } from "@/services/realtime/announce";
import { decisionSeen } from "@/services/tasks/wake-run";

/** Step: the run has the document. */
export async function startStep(documentId: string, runId: string): Promise<void> {
  const document = await getDocumentById(documentId);
  if (!document) throw new NonRetriableError(`Document ${documentId} does not exist.`);
  await setDocumentStatus(documentId, "extracting", { runId, errorClass: null, errorMessage: null, failedStep: null });
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: documentTimeline.started,
    data: { runId },
    dedupeKey: `start:${runId}`,
  });
  await announceDocument(documentId);
}

export type Decision = {
  outcome: "approved" | "rejected" | "expired" | "pending";
  action: string | null;
  by: string | null;
};

const approving = new Set<string>(approvingActions);

/**
 * Step: what was decided, read from the task itself rather than trusted from the event, so a decision whose
 * wake-up was lost still counts. Still open at the deadline, the task expires to the safe default: nothing is
 * posted. Still open before it: pending, and the run waits again.
 */
export async function readDecisionStep(taskId: string, atDeadline: boolean): Promise<Decision> {
  const decision = await readDecision(taskId, atDeadline);
  if (decision.outcome !== "pending") await decisionSeen(taskId);
  return decision;
}

async function readDecision(taskId: string, atDeadline: boolean): Promise<Decision> {
  let task = await getTaskById(taskId);
  if (!task) throw new NonRetriableError(`Task ${taskId} does not exist.`);
  if (task.status === "open" && !atDeadline) return { outcome: "pending", action: null, by: null };
  if (task.status === "open") {
    task = await expireTask(taskId, "No decision before the deadline; Keel does not post without one.");
    if (!task) throw new NonRetriableError(`Task ${taskId} vanished while expiring.`);
    await announceTask(task);
  }
  if (task.status === "resolved") {
    return {
      outcome: approving.has(task.action ?? "") ? "approved" : "rejected",
      action: task.action,
      by: task.resolvedBy,
    };
  }
  return { outcome: "expired", action: task.action, by: null };
}

/** Step: a document that will not be posted, with why. */
export async function finishUnpostedStep(documentId: string, decision: Decision): Promise<void> {
  await finishDocument(
    documentId,
    "rejected",
    {
      errorMessage:
        decision.outcome === "expired" ? "No decision before the deadline; not posted (safe default)." : null,
    },
    { kind: "decision", label: documentTimeline.notPosted(decision), data: decision, dedupeKey: "finished-unposted" },
  );
  await announceDocument(documentId);
}

/**
 * onFailure: the document lands in the exception queue with its error class and message. A NonRetriableError
 * carries a sentence Keel wrote for people; anything else that outlived its retries is unexpected, so people get a
 * reference to the logged detail instead of the detail.
 */
export async function markFailedStep(
  documentId: string,
  error: { name?: string; message?: string },
  runId: string | undefined,
): Promise<void> {
  const errorClass = error.name === "NonRetriableError" ? "permanent" : "exhausted_retries";
  const message =
    errorClass === "permanent"
      ? (error.message ?? "Unknown error")
      : reportInternalError(error, { documentId, runId }).message;
  await finishDocument(
    documentId,
    "failed",
    { errorClass, errorMessage: message, ...(runId ? { runId } : {}) },
    {
      kind: "failed",
      label: documentTimeline.failed(errorClass, message),
      data: { error, runId },
      dedupeKey: `failed:${runId ?? "?"}`,
    },
  );
  await announceDocument(documentId);
}
