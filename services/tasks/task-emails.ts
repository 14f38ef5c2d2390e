import { queueEmailWithLinks } from "@/db/queries/action-tokens";
import { queueEmail } from "@/db/queries/ledger";
import { taskRecipients } from "@/db/queries/tasks";
import type { Task } from "@/db/schema";
import { actionAvailable } from "@/domain/tasks/actions";
import { formatUtc } from "@/lib/format";
import { appUrl, linkMarker } from "@/services/mail/links";
import { nudgeMailer } from "@/services/mail/nudge";

/** Why the email goes out: a new task, or one escalated to a wider role. `kind` keys its idempotency. */
export type TaskEmailOccasion = { kind: string; subject: string; lead: string | null };

const opened: TaskEmailOccasion = { kind: "task-open", subject: "Decision needed", lead: null };

/**
 * Emails everyone who may work a task, one single-use link per action: when it opens, and again to the wider role
 * when it is escalated. The links are minted when each email is sent, so the outbox holds none; a recipient already
 * emailed for this occasion (the step ran before) gets nothing new.
 */
export async function emailTaskLinks(task: Task, occasion: TaskEmailOccasion = opened): Promise<number> {
  let sent = 0;
  const base = appUrl();
  // A task that is approved only on its page (a new vendor is set up there) gets no approve link.
  const actions = (["approve", "reject"] as const).filter((action) => actionAvailable(task.type, action).allowed);
  for (const recipient of await taskRecipients(task)) {
    const body = [
      ...(occasion.lead ? [occasion.lead, ""] : []),
      task.title,
      "",
      task.description,
      "",
      ...actions.map((action) => `${action === "approve" ? "Approve: " : "Reject:  "}${linkMarker(action)}`),
      "",
      `Each link opens a confirmation page and works once, until ${formatUtc(task.deadlineAt)}.`,
      `Or open the task in Keel: ${base}/inbox/${task.id}`,
    ].join("\n");
    const email = {
      idempotencyKey: emailKey(occasion.kind, task, recipient),
      documentId: task.documentId,
      to: recipient.email,
      subject: `${occasion.subject}: ${task.title}`,
      body,
    };
    if (
      await queueEmailWithLinks(email, {
        taskId: task.id,
        recipientId: recipient.id,
        actions,
        expiresAt: task.deadlineAt,
      })
    )
      sent++;
  }
  if (sent > 0) await nudgeMailer({ documentId: task.documentId, taskId: task.id });
  return sent;
}

/**
 * Reminds everyone who may work a task that it is due, with a link to it in the inbox: a reminder carries no action
 * links, since the first email's still work. Each recipient once per `kind`, however often the step runs.
 */
export async function emailTaskReminder(task: Task, kind: string): Promise<number> {
  const body = `${task.title}\n\n${task.description}\n\nDecide before ${formatUtc(task.deadlineAt)}: ${appUrl()}/inbox/${task.id}`;
  let sent = 0;
  for (const recipient of await taskRecipients(task)) {
    const email = {
      idempotencyKey: emailKey(kind, task, recipient),
      documentId: task.documentId,
      to: recipient.email,
      subject: `Reminder: ${task.title}`,
      body,
    };
    if (await queueEmail(email)) sent++;
  }
  if (sent > 0) await nudgeMailer({ documentId: task.documentId, taskId: task.id });
  return sent;
}

/** One email per occasion, task and recipient. */
const emailKey = (kind: string, task: Task, recipient: { id: string }) => `${kind}:${task.id}:${recipient.id}`;
