import { issueActionTokens } from "@/db/queries/action-tokens";
import { outboxEmailExists, queueEmail } from "@/db/queries/ledger";
import { taskRecipients } from "@/db/queries/tasks";
import type { Task } from "@/db/schema";
import { env } from "@/lib/env";
import { formatUtc } from "@/lib/format";
import { nudgeMailer } from "@/lib/mail/nudge";

function appUrl(): string {
  const e = env();
  return (e.AUTH_URL ?? `http://${e.KEEL_HOST === "0.0.0.0" ? "127.0.0.1" : e.KEEL_HOST}:${String(e.PORT)}`).replace(/\/$/, "");
}

/**
 * Emails everyone who may work a new task, one single-use link per action. A recipient already emailed (the step
 * ran before) gets nothing new, so a retry never mints tokens nobody was sent.
 */
export async function emailTaskLinks(task: Task): Promise<number> {
  let sent = 0;
  for (const recipient of await taskRecipients(task)) {
    const key = `task-open:${task.id}:${recipient.id}`;
    if (await outboxEmailExists(key)) continue;
    const tokens = await issueActionTokens(task.id, recipient.id, ["approve", "reject"], task.deadlineAt);
    const base = appUrl();
    const body = [
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
    if (await queueEmail({ idempotencyKey: key, documentId: task.documentId, to: recipient.email, subject: `Decision needed: ${task.title}`, body })) sent++;
  }
  if (sent > 0) await nudgeMailer({ documentId: task.documentId, taskId: task.id });
  return sent;
}
