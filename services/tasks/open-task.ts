import { NonRetriableError } from "inngest";
import { getDocumentById, getLatestExtraction } from "@/db/queries/documents";
import { openTaskForDocument } from "@/db/queries/tasks";
import type { Finding } from "@/domain/documents/types";
import type { Route } from "@/domain/routing";
import { describeTask, taskRole } from "@/domain/tasks/describe";
import { fieldValues } from "@/domain/tasks/edits";
import { env } from "@/lib/env";
import { emailTaskLinks } from "./task-emails";
import { announceTask } from "@/services/realtime/announce";

export type OpenedTask = { taskId: string; openedAt: string; deadlineAt: string; status: string };

/** Step: the task the run will wait on, with its deadline; idempotent per document and task type. */
export async function openTaskStep(
  documentId: string,
  route: Extract<Route, { kind: "task" }>,
  findings: Finding[],
  now: Date,
): Promise<OpenedTask> {
  const document = await getDocumentById(documentId);
  if (!document) throw new NonRetriableError(`Document ${documentId} does not exist.`);
  const extraction = await getLatestExtraction(documentId);
  const { title, description } = describeTask(route.taskType, document, findings);
  const task = await openTaskForDocument({
    documentId,
    type: route.taskType,
    title,
    description,
    reasons: route.reasons,
    // What the agent proposed, so the decision record can show what a person changed.
    proposed: {
      findings: findings.map((f) => f.rule),
      extractionId: extraction?.id ?? null,
      fields: extraction ? fieldValues(extraction.extraction) : null,
    },
    assignedRole: taskRole[route.taskType],
    vendorId: document.vendorId,
    amountMinor: document.totalMinor,
    currency: document.currency,
    deadlineAt: new Date(now.getTime() + route.deadlineHours * 3_600_000 * env().KEEL_DEADLINE_SCALE),
  });
  await emailTaskLinks(task);
  await announceTask(task);
  return {
    taskId: task.id,
    openedAt: task.createdAt.toISOString(),
    deadlineAt: task.deadlineAt.toISOString(),
    status: task.status,
  };
}
