import { randomBytes, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/index";
import { outboxEmails, refundAttempts, refunds, tasks, tickets } from "@/db/schema";
import { makeTicketCustomer, makeTicketOrder } from "../factories/stored-tickets";
import { makeUser } from "../factories/users";
import { expect, test } from "../fixtures";
import { LoginPage } from "../pages/login-page";

/** The customer's email as their mail program saved it, naming their order in the subject. */
function refundEmail(tag: string, from: string, reference: string): Buffer {
  return Buffer.from(
    [
      `From: "Email Refund" <${from}>`,
      "MIME-Version: 1.0",
      "To: help@support.keel.test",
      `Subject: Refund for order ${reference}`,
      `Message-ID: <e2e-refund-${tag}@mail.example.test>`,
      "Date: Mon, 30 Nov 2026 08:00:00 +0000",
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Hello, the lamp from order ${reference} arrived broken. I want a full refund please.`,
      "",
    ].join("\r\n"),
  );
}

test("an emailed refund request becomes a ticket; a person edits the draft and approves; one refund and one reply follow", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(180_000);
  const tag = randomBytes(4).toString("hex");
  const customer = await makeTicketCustomer(`refund-${tag}`);
  const order = await makeTicketOrder(customer, 4_990, "EUR", `LAMP-${String(randomInt(100_000_000, 999_999_999))}`);

  // The operator brings the email in; someone else decides, since nobody decides a ticket they entered.
  await signInAs("operator");
  await page.goto("/tickets/new");
  const upload = page.getByRole("form", { name: "Upload a saved email" });
  await upload.getByLabel("Saved email (.eml)").setInputFiles({
    name: `refund-${tag}.eml`,
    mimeType: "message/rfc822",
    buffer: refundEmail(tag, customer.email, order.reference),
  });
  await upload.getByRole("button", { name: "Upload email" }).click();
  await expect(page.getByRole("heading", { name: `Refund for order ${order.reference}` })).toBeVisible();
  const ticketId = new URL(page.url()).pathname.split("/").pop() ?? "";

  const taskOf = async () => {
    const [task] = await db().select({ id: tasks.id }).from(tasks).where(eq(tasks.ticketId, ticketId));
    return task?.id ?? null;
  };
  await expect.poll(taskOf, { timeout: 120_000, message: "the ticket's run opens its task" }).not.toBeNull();
  const taskId = (await taskOf()) ?? "";
  const [waiting] = await db().select().from(tickets).where(eq(tickets.id, ticketId));
  expect(waiting).toMatchObject({ status: "awaiting_decision", intent: "refund_request", orderId: order.id });
  expect(waiting?.refundProposedMinor).toBe(4_990);

  const approver = await makeUser({ role: "approver", approvalLimitMinor: 100_000, approvalCurrency: "EUR" });
  const { page: decider, context } = await LoginPage.inNewContext(browser, approver);
  await decider.goto(`/inbox/${taskId}`);
  await expect(decider.getByRole("region", { name: "Customer's message" })).toContainText("arrived broken");
  const decision = decider.getByRole("region", { name: "Decision" });
  await decision.getByRole("button", { name: "Edit reply and refund" }).click();
  const editor = decider.getByRole("form", { name: "Edit the reply and refund" });
  const reply = `Hello, we are sorry about the lamp (${tag}). We have refunded €30.00 to your card.`;
  await editor.getByLabel("Reply to the customer").fill(reply);
  await editor.getByLabel("Refund (EUR)").fill("30.00");
  await editor.getByRole("button", { name: "Approve with these changes" }).click();
  await expect(decider).toHaveURL(/\/inbox$/);
  await context.close();

  const status = async () => (await db().select().from(tickets).where(eq(tickets.id, ticketId)))[0]?.status;
  await expect.poll(status, { timeout: 120_000, message: "the run refunds and replies" }).toBe("resolved");

  const issued = await db().select().from(refunds).where(eq(refunds.ticketId, ticketId));
  expect(issued.map((r) => [r.amountMinor, r.currency, r.orderId])).toEqual([[3_000, "EUR", order.id]]);
  const attempts = await db()
    .select()
    .from(refundAttempts)
    .where(eq(refundAttempts.refundId, issued[0]?.id ?? ""));
  expect(attempts.map((a) => a.outcome)).toEqual(["applied"]);
  const replies = await db()
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.to, customer.email), eq(outboxEmails.idempotencyKey, `ticket-reply:${ticketId}`)));
  expect(replies).toHaveLength(1);
  expect(replies[0]).toMatchObject({ body: reply, inReplyTo: `e2e-refund-${tag}@mail.example.test` });

  // The ticket page tells the same story from Keel's tables.
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByRole("region", { name: "Conversation" })).toContainText(reply);
});
