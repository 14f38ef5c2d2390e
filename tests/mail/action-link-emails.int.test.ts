import { describe, expect, it } from "vitest";
import { lookupActionToken } from "@/db/queries/action-tokens";
import { listOutboxEmails } from "@/db/queries/ledger";
import { db } from "@/db/index";
import { taskActionTokens } from "@/db/schema";
import { listMailbox } from "@/services/mail/mailbox";
import { assignTask } from "@/db/queries/tasks";
import { and, eq } from "drizzle-orm";
import { emailTaskLinks } from "@/services/tasks/task-emails";
import { ageOutboxEmail, outboxEmail } from "../factories/emails";
import { openTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { deliverDueEmails, messagesTo, withSmtpSink } from "./harness";

withKeelDatabase();
const smtp = withSmtpSink();

const linkIn = (text: string | undefined, label: "Approve" | "Reject") =>
  new RegExp(`${label}:\\s+\\S+/t/([A-Za-z0-9_-]{43})`).exec(text ?? "")?.[1];
const anyToken = /\/t\/[A-Za-z0-9_-]{20,}/;

async function emailedApprover() {
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const opened = await openTask({ amountMinor: 12_300, title: "Approve invoice M-1" });
  // Held by one approver, the task is emailed to them alone: each test's SMTP refusals meet its own email.
  const held = await assignTask({
    taskId: opened.id,
    actor: { id: approver.id, label: approver.email },
    to: approver.id,
  });
  if (!held.ok) throw new Error("could not claim the task");
  const task = held.task;
  expect(await emailTaskLinks(task)).toBe(1);
  return { approver, task, key: `task-open:${task.id}:${approver.id}` };
}

describe("emails with action links", () => {
  it("are queued without their links and keep no token in the outbox once delivered", async () => {
    const { approver, key } = await emailedApprover();
    expect((await outboxEmail(key)).body).not.toMatch(anyToken);

    expect(await deliverDueEmails()).toContain("sent");
    const [message] = messagesTo(smtp(), approver.email);
    const approve = linkIn(message?.mail.text, "Approve");
    const reject = linkIn(message?.mail.text, "Reject");
    expect(approve).toBeDefined();
    expect(reject).toBeDefined();
    const found = await lookupActionToken(approve ?? "");
    expect(found).toMatchObject({ state: "valid", token: { action: "approve" }, recipient: { id: approver.id } });

    const stored = JSON.stringify(await listOutboxEmails(1000));
    expect(stored).not.toContain(approve);
    expect(stored).not.toContain(reject);
    expect(stored).not.toMatch(anyToken);
    expect((await outboxEmail(key)).status).toBe("sent");
  });

  it("carry working links when sent again after a temporary refusal", async () => {
    const { approver, key } = await emailedApprover();
    smtp().reject("rcpt", 451);
    await deliverDueEmails();
    const waiting = await outboxEmail(key);
    expect(waiting.status).toBe("queued");
    expect(waiting.body).not.toMatch(anyToken);

    await ageOutboxEmail(waiting.id, { due: true });
    await deliverDueEmails();
    const delivered = messagesTo(smtp(), approver.email);
    expect(delivered).toHaveLength(1);
    expect((await lookupActionToken(linkIn(delivered[0]?.mail.text, "Approve") ?? "")).state).toBe("valid");
  });

  it("show in the Mailbox with their links redacted, before and after delivery, and no token or its hash", async () => {
    const { approver, task, key } = await emailedApprover();
    const shown = async () => (await listMailbox(1000)).find((e) => e.idempotencyKey === key);
    const redaction = (action: string) => `[${action} link — sent to ${approver.email}, not shown]`;
    expect((await shown())?.body).toContain(`Approve: ${redaction("approve")}`);
    expect((await shown())?.body).toContain(`Reject:  ${redaction("reject")}`);

    await deliverDueEmails();
    const sent = messagesTo(smtp(), approver.email)[0]?.mail.text;
    const tokens = [linkIn(sent, "Approve"), linkIn(sent, "Reject")];
    const hashes = (
      await db()
        .select({ hash: taskActionTokens.tokenHash })
        .from(taskActionTokens)
        .where(and(eq(taskActionTokens.taskId, task.id), eq(taskActionTokens.recipientId, approver.id)))
    ).map((r) => r.hash);
    expect(hashes).toHaveLength(2);
    const mailbox = JSON.stringify(await listMailbox(1000));
    expect((await shown())?.body).toContain(redaction("approve"));
    expect(mailbox).not.toMatch(anyToken);
    for (const secret of [...tokens, ...hashes]) {
      expect(secret).toBeDefined();
      expect(mailbox).not.toContain(secret);
    }
  });
});
