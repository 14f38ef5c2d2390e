import { NonRetriableError } from "inngest";
import { recordDocumentEvent } from "@/db/queries/documents";
import { escalateTask, getTaskById } from "@/db/queries/tasks";
import type { Rung } from "@/domain/tasks/ladder";
import { taskTimeline } from "@/domain/timeline";
import { formatUtc } from "@/lib/format";
import { emailTaskLinks, emailTaskReminder } from "./task-emails";
import { announceTask } from "@/services/realtime/announce";

/** Step: one rung of the deadline ladder on a task still open — a reminder, or escalation to a wider role. */
export async function climbLadderStep(
  taskId: string,
  rung: Rung,
  index: number,
): Promise<{ applied: boolean; emails: number }> {
  let task = await getTaskById(taskId);
  if (!task) throw new NonRetriableError(`Task ${taskId} does not exist.`);
  if (task.status !== "open") return { applied: false, emails: 0 };
  if (rung.kind === "escalate") task = (await escalateTask(taskId, rung.toRole)) ?? task;
  const due = formatUtc(task.deadlineAt);
  const kind = `ladder-${String(index)}`;
  // The wider role has had no links yet: they get their own, one per action, like the first assignees.
  const emails =
    rung.kind === "escalate"
      ? await emailTaskLinks(task, {
          kind,
          subject: "Escalated to you",
          lead: `Nobody decided this in time, so it now goes to ${rung.toRole}s. Decide before ${due}.`,
        })
      : await emailTaskReminder(task, kind);
  // A ticket's timeline is read from the audit log, which the escalation and the emails already wrote to.
  if (task.documentId !== null)
    await recordDocumentEvent({
      documentId: task.documentId,
      kind: rung.kind === "remind" ? "reminder" : "escalation",
      label:
        rung.kind === "remind" ? taskTimeline.reminded(emails, due) : taskTimeline.escalated(rung.toRole, emails, due),
      dedupeKey: `ladder:${task.id}:${String(index)}`,
    });
  await announceTask(task);
  return { applied: true, emails };
}
