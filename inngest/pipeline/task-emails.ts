import { issueActionTokens } from "@/db/queries/action-tokens";
import { outboxEmailExists, queueEmail } from "@/db/queries/ledger";
import { taskRecipients } from "@/db/queries/tasks";
import type { Task } from "@/db/schema";
import { env } from "@/lib/env";
import { formatUtc } from "@/lib/format";
import { nudgeMailer } from "@/lib/mail/nudge";

/** Where people reach this Keel, for links in emails. */
export function appUrl(): string {
  const e = env();
  return (e.AUTH_URL ?? `http://${e.KEEL_HOST === "0.0.0.0" ? "127.0.0.1" : e.KEEL_HOST}:${String(e.PORT)}`).replace(/\/$/, "");
}

/** Why the email goes out: a new task, or one escalated to a wider role. `kind` keys its idempotency. */
export type TaskEmailOccasion = { kind: string; subject: string; lead: string | null };

const opened: TaskEmailOccasion = { kind: "task-open", subject: "Decision needed", lead: null };

/**
 * Emails everyone who may work a task, one single-use link per action: when it opens, and again to the wider role
 * when it is escalated. A recipient already emailed for this occasion (the step ran before) gets nothing new, so a
 * retry never mints tokens nobody was sent.
 */
export async function emailTaskLinks(task: Task, occasion: TaskEmailOccasion = opened): Promise<number> {
  let sent = 0;
  for (const recipient of await taskRecipients(task)) {
    const key = `${occasion.kind}:${task.id}:${recipient.id}`;
    if (await outboxEmailExists(key)) continue;
    const tokens = await issueActionTokens(task.id, recipient.id, ["approve", "reject"], task.deadlineAt);
    const base = appUrl();
    const body = [
      ...(occasion.lead ? [occasion.lead, ""] : []),
      task.title,
      "",
      task.description,
      "",
      `Approve: ${base}/t/${tokens.approve ?? ""}`,
      `Reject:  ${base}/t/${tokens.reject ?? ""}`,
      "",
      `Each link opens a confirmation page and works once, until ${formatUtc(task.deadlineAt)}.`,
      `Or open the task in Keel: ${base}/inbox/${task.id}`,
    ].join("\n");
    if (await queueEmail({ idempotencyKey: key, documentId: task.documentId, to: recipient.email, subject: `${occasion.subject}: ${task.title}`, body })) sent++;
  }
  if (sent > 0) await nudgeMailer({ documentId: task.documentId, taskId: task.id });
  return sent;
}
