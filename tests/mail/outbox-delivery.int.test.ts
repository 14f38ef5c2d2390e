import { describe, expect, it } from "vitest";
import { claimOutboxEmails } from "@/db/queries/ledger";
import { messageIdFor } from "@/services/mail/deliver";
import { sendClaimedEmail } from "@/services/mail/outbox";
import { ageOutboxEmail, makeQueuedEmail, outboxEmail } from "../factories/emails";
import type { SinkStage } from "../fakes/smtp-sink";
import { withKeelDatabase } from "../setup/keel-database";
import { deliverDueEmails, messagesTo, withSmtpSink } from "./harness";

withKeelDatabase();
const smtp = withSmtpSink();

/** Queues an email and runs a delivery against a sink that refuses it once with `code` at `stage`. */
async function deliverRefused(stage: SinkStage, code: number, options: { attemptsBefore?: number } = {}) {
  const email = await makeQueuedEmail();
  if (options.attemptsBefore !== undefined) await ageOutboxEmail(email.id, { attempts: options.attemptsBefore });
  smtp().reject(stage, code);
  const outcomes = await deliverDueEmails();
  return { email, outcomes, row: await outboxEmail(email.idempotencyKey) };
}

describe("delivering the outbox over SMTP", () => {
  it("sends a queued email as written, under a Message-ID derived from its key, and marks it sent", async () => {
    const email = await makeQueuedEmail();
    expect(await deliverDueEmails()).toEqual(["sent"]);

    const [message] = messagesTo(smtp(), email.to);
    expect(message?.envelope).toEqual({ from: "keel@localhost", to: [email.to] });
    expect(message?.mail).toMatchObject({
      subject: email.subject,
      messageId: messageIdFor(email.idempotencyKey, "Keel <keel@localhost>"),
    });
    expect(message?.mail.text?.trimEnd()).toBe(email.body);
    expect(message?.mail.from?.value).toEqual([{ name: "Keel", address: "keel@localhost" }]);
    expect(message?.mail.headers.get("auto-submitted")).toBe("auto-generated");
    const after = await outboxEmail(email.idempotencyKey);
    expect(after).toMatchObject({ status: "sent", attempts: 1, lastError: null, messageId: message?.mail.messageId });
    expect(after.sentAt).toBeInstanceOf(Date);
  });

  it("never sends an email again once it is sent, even for the claim that sent it", async () => {
    const email = await makeQueuedEmail();
    const [claim] = await claimOutboxEmails(20);
    expect(claim?.id).toBe(email.id);
    if (!claim) return;
    expect(await sendClaimedEmail(claim)).toBe("sent");
    expect(await sendClaimedEmail(claim)).toBe("skipped");
    expect(await deliverDueEmails()).toEqual([]);
    expect(messagesTo(smtp(), email.to)).toHaveLength(1);
  });

  it("puts an email back in the queue after a 451 and sends it on a later try", async () => {
    const { email, outcomes, row: waiting } = await deliverRefused("rcpt", 451);
    expect(outcomes).toEqual(["retry"]);
    expect(waiting).toMatchObject({ status: "queued", attempts: 1, claimedAt: null });
    expect(waiting.lastError).toMatch(/451/);
    expect(waiting.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now());
    expect(await deliverDueEmails()).toEqual([]);

    await ageOutboxEmail(email.id, { due: true });
    expect(await deliverDueEmails()).toEqual(["sent"]);
    expect(await outboxEmail(email.idempotencyKey)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(messagesTo(smtp(), email.to)).toHaveLength(1);
  });

  it("fails an email at once when the server refuses it with a 550, keeping the server's answer", async () => {
    const { email, outcomes, row: failed } = await deliverRefused("data", 550);
    expect(outcomes).toEqual(["failed"]);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/550/);
    expect(await deliverDueEmails()).toEqual([]);
    expect(messagesTo(smtp(), email.to)).toHaveLength(0);
  });

  it("gives up on an email whose last allowed attempt fails", async () => {
    const { outcomes, row } = await deliverRefused("rcpt", 451, { attemptsBefore: 7 });
    expect(outcomes).toEqual(["failed"]);
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
  });

  it("sends each email exactly once when two deliverers work the outbox at the same time", async () => {
    const emails = await Promise.all(Array.from({ length: 25 }, () => makeQueuedEmail()));
    const outcomes = await Promise.all([deliverDueEmails(5), deliverDueEmails(5)]);
    expect(outcomes.flat().filter((o) => o === "sent")).toHaveLength(25);
    expect(outcomes.flat().filter((o) => o !== "sent")).toEqual([]);
    expect(outcomes.every((o) => o.length > 0)).toBe(true);
    for (const email of emails) expect(messagesTo(smtp(), email.to)).toHaveLength(1);
    const rows = await Promise.all(emails.map((e) => outboxEmail(e.idempotencyKey)));
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("takes over a claim its deliverer abandoned, and the abandoned claim sends nothing", async () => {
    const email = await makeQueuedEmail();
    const [abandoned] = await claimOutboxEmails(20);
    expect(abandoned).toEqual({ id: email.id, attempts: 1 });
    expect(await claimOutboxEmails(20)).toEqual([]);

    await ageOutboxEmail(email.id, { claimAbandoned: true });
    const [takeover] = await claimOutboxEmails(20);
    expect(takeover).toEqual({ id: email.id, attempts: 2 });
    if (!abandoned || !takeover) return;
    expect(await sendClaimedEmail(abandoned)).toBe("skipped");
    expect(await sendClaimedEmail(takeover)).toBe("sent");
    expect(messagesTo(smtp(), email.to)).toHaveLength(1);
  });
});
