import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import { listAuditForSubject } from "@/db/queries/audit";
import { eq } from "drizzle-orm";
import { db } from "@/db/index";
import { getTicketWithMessages } from "@/db/queries/tickets";
import { outboxEmails, refunds, tickets } from "@/db/schema";
import { makeTicketCustomer, makeTicketOrder } from "../factories/stored-tickets";
import { makeUser } from "../factories/users";
import { expect, test } from "../fixtures";
import { LoginPage } from "../pages/login-page";

const ticketIdOf = (url: string) => new URL(url).pathname.split("/").pop() ?? "";

/** A customer's email as a mail program saves it, from an address no other spec uses. */
function savedEmail(tag: string, options: { from?: string | false; subject?: string; body?: string } = {}): Buffer {
  const from = options.from ?? `e2e-eml-${tag}@example.test`;
  return Buffer.from(
    [
      ...(from === false ? [] : [`From: "Eml Customer" <${from}>`]),
      "MIME-Version: 1.0",
      "To: help@support.keel.test",
      `Subject: ${options.subject ?? `Saved email ${tag}`}`,
      `Message-ID: <e2e-${tag}@mail.example.test>`,
      "Date: Mon, 30 Nov 2026 08:00:00 +0000",
      "Content-Type: text/plain; charset=utf-8",
      "",
      options.body ?? `Hello, my parcel ${tag} never arrived. Can you check where it is?`,
      "",
    ].join("\r\n"),
  );
}

test("an operator types in a ticket, finds it in the list by the customer's email and opens it", async ({
  page,
  signInAs,
}) => {
  const operator = await signInAs("operator");
  const tag = randomBytes(4).toString("hex");
  const email = `e2e-typed-${tag}@example.test`;
  await page.goto("/tickets");
  await page.getByRole("link", { name: "New ticket" }).click();
  await expect(page.getByRole("heading", { name: "New ticket" })).toBeVisible();

  const form = page.getByRole("form", { name: "Type in a ticket" });
  await form.getByLabel("Customer email").fill(email);
  await form.getByLabel("Customer name (optional)").fill("Typed Customer");
  await form.getByLabel("Subject", { exact: true }).fill(`Phone call ${tag}`);
  await form.getByLabel("Message").fill("The customer called: the blender stopped working after a week.");
  await form.getByRole("button", { name: "Create ticket" }).click();

  await expect(page.getByRole("heading", { name: `Phone call ${tag}` })).toBeVisible();
  const ticketId = ticketIdOf(page.url());
  await expect(page.getByRole("region", { name: "Conversation" })).toContainText("the blender stopped working");
  const detail = await getTicketWithMessages(ticketId);
  expect(detail?.ticket).toMatchObject({ source: "browser", createdBy: operator.id, orderReference: null });
  expect(detail?.customer).toMatchObject({ email, name: "Typed Customer" });
  expect((await listAuditForSubject("ticket", ticketId)).map((e) => e.actorLabel)).toContain(operator.email);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tickets" }).click();
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByLabel("Customer email").fill(email);
  await filters.getByLabel("Customer email").press("Enter");
  const rows = page.getByRole("table", { name: "Tickets" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await rows
    .first()
    .getByRole("link", { name: `Phone call ${tag}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
});

test("a form sent blank shows each missing field's error beside it and stores nothing", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.goto("/tickets/new");
  const form = page.getByRole("form", { name: "Type in a ticket" });
  const tag = randomBytes(4).toString("hex");
  await form.getByLabel("Customer email").fill(`not an address ${tag}`);
  await form.getByRole("button", { name: "Create ticket" }).click();
  await expect(form.getByLabel("Customer email")).toHaveAccessibleDescription(
    "Write the customer's email address, such as ana@example.com.",
  );
  await expect(form.getByLabel("Subject", { exact: true })).toHaveAccessibleDescription(
    "Write a subject: a few words on what the customer asks.",
  );
  await expect(form.getByLabel("Message")).toHaveAccessibleDescription("Write the customer's message; it is empty.");
  // What was typed is still there to correct.
  await expect(form.getByLabel("Customer email")).toHaveValue(`not an address ${tag}`);
  await expect(page).toHaveURL(/\/tickets\/new$/);
});

test("an uploaded .eml becomes an email ticket, and the same file again opens the same ticket", async ({
  page,
  signInAs,
}) => {
  const operator = await signInAs("operator");
  const tag = randomBytes(4).toString("hex");
  await page.goto("/tickets/new");
  const upload = page.getByRole("form", { name: "Upload a saved email" });
  await upload.getByLabel("Saved email (.eml)").setInputFiles({
    name: `parcel-${tag}.eml`,
    mimeType: "message/rfc822",
    buffer: savedEmail(tag),
  });
  await upload.getByRole("button", { name: "Upload email" }).click();

  await expect(page.getByRole("heading", { name: `Saved email ${tag}` })).toBeVisible();
  const ticketId = ticketIdOf(page.url());
  await expect(page.getByRole("region", { name: "Conversation" })).toContainText(`my parcel ${tag} never arrived`);
  const detail = await getTicketWithMessages(ticketId);
  expect(detail?.ticket.source).toBe("email");
  expect(detail?.customer.email).toBe(`e2e-eml-${tag}@example.test`);
  expect(detail?.messages.map((m) => m.messageId)).toEqual([`e2e-${tag}@mail.example.test`]);
  expect((await listAuditForSubject("ticket", ticketId)).map((e) => e.actorLabel)).toContain(operator.email);

  await page.goto("/tickets/new");
  await upload.getByLabel("Saved email (.eml)").setInputFiles({
    name: `parcel-${tag}-copy.eml`,
    mimeType: "message/rfc822",
    buffer: savedEmail(tag),
  });
  await upload.getByRole("button", { name: "Upload email" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
});

test("an upload that is not an email, or has no sender, is refused with its reason and makes no ticket", async ({
  page,
  signInAs,
}) => {
  await signInAs("operator");
  const tag = randomBytes(4).toString("hex");
  await page.goto("/tickets/new");
  const upload = page.getByRole("form", { name: "Upload a saved email" });
  const input = upload.getByLabel("Saved email (.eml)");

  await input.setInputFiles({
    name: `notes-${tag}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from("Notes from a call.\nThe customer wants a refund.\n"),
  });
  await upload.getByRole("button", { name: "Upload email" }).click();
  await expect(input).toHaveAccessibleDescription(
    `notes-${tag}.txt is not an email. Save the customer's message from your mail program as .eml and upload that.`,
  );

  await input.setInputFiles({
    name: `anonymous-${tag}.eml`,
    mimeType: "message/rfc822",
    buffer: savedEmail(tag, { from: false }),
  });
  await upload.getByRole("button", { name: "Upload email" }).click();
  await expect(input).toHaveAccessibleDescription(
    "The email has no sender address Keel can reply to. Send it from a mailbox with an address in its From line.",
  );
  await expect(page).toHaveURL(/\/tickets\/new$/);
  const stored = await db()
    .select({ id: tickets.id })
    .from(tickets)
    .where(eq(tickets.subject, `Saved email ${tag}`));
  expect(stored).toEqual([]);

  await page.goto("/tickets/new");
  await upload.getByRole("button", { name: "Upload email" }).click();
  await expect(input).toHaveAccessibleDescription("Choose a saved email (.eml) to upload.");
});

test("the New ticket page fits a 390 px screen", async ({ page, signInAs }) => {
  await signInAs("operator");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/tickets/new");
  await expect(page.getByRole("form", { name: "Type in a ticket" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("a refund request emailed to Keel's inbound SMTP port becomes a ticket; an agent edits the draft and approves; the ticket page shows one refund and one reply", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const tag = randomBytes(4).toString("hex");
  // Letters, a hyphen and digits: the shape the intake reads an order reference in.
  const reference = `EML-${String(randomBytes(4).readUInt32BE()).padStart(10, "0")}`;
  const customer = await makeTicketCustomer(tag);
  await makeTicketOrder(customer, 4_990, "EUR", reference);
  const subject = `Kettle arrived broken, order ${reference}`;
  const admin = await makeUser({ role: "admin", approvalLimitMinor: 100_000, approvalCurrency: "EUR" });
  await new LoginPage(page).signInAs(admin);

  // A customer's mail server hands the message to Keel's inbound listener over SMTP.
  const smtp = nodemailer.createTransport({
    host: "127.0.0.1",
    port: Number(process.env.KEEL_E2E_SMTP_PORT),
    secure: false,
    ignoreTLS: true,
  });
  await smtp.sendMail({
    from: `"Kettle Customer" <${customer.email}>`,
    to: "help@support.keel.test",
    subject,
    text: `My kettle from order ${reference} arrived broken. Please refund €49.90.`,
    messageId: `<e2e-smtp-${tag}@mail.example.test>`,
  });
  smtp.close();
  const findTicket = async () =>
    (await db().select({ id: tickets.id }).from(tickets).where(eq(tickets.subject, subject)))[0]?.id;
  await expect.poll(findTicket, { timeout: 30_000 }).toBeTruthy();
  const ticketId = (await findTicket()) ?? "";
  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();

  // The page follows the run by itself until a person is asked.
  const decide = page.getByRole("region", { name: "Decision" }).getByRole("link", { name: "Decide in inbox" });
  await expect(decide).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole("region", { name: "Refund" })).toContainText(reference);
  await decide.click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);

  await page.getByRole("region", { name: "Decision" }).getByRole("button", { name: "Edit reply and refund" }).click();
  const editor = page.getByRole("form", { name: "Edit the reply and refund" });
  const reply = `Hello, we are sorry about the kettle (${tag}). We have refunded €40.00 to your card.`;
  await editor.getByLabel("Reply to the customer").fill(reply);
  await editor.getByLabel("Refund (EUR)").fill("40.00");
  await editor.getByRole("button", { name: "Approve with these changes" }).click();
  await expect(page).toHaveURL(/\/inbox$/);

  await page.goto(`/tickets/${ticketId}`);
  await expect(page.getByText("Resolved", { exact: true }).first()).toBeVisible({ timeout: 120_000 });
  const decision = page.getByRole("region", { name: "Decision" });
  await expect(decision).toContainText("Edited and approved");
  await expect(decision).toContainText(admin.email);
  await expect(decision).toContainText(reply);
  const refund = page.getByRole("region", { name: "Refund" });
  await expect(refund).toContainText("Refunded €40.00");
  await expect(refund.getByRole("list", { name: "Refund attempts" })).toContainText("Attempt 1");
  await expect(page.getByRole("region", { name: "Reply", exact: true })).toContainText(customer.email);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("Refunded €40.00");
  await expect(timeline).toContainText(`Reply queued to ${customer.email}`);

  const issued = await db().select().from(refunds).where(eq(refunds.ticketId, ticketId));
  expect(issued.map((r) => [r.amountMinor, r.currency])).toEqual([[4_000, "EUR"]]);
  const queued = await db()
    .select()
    .from(outboxEmails)
    .where(eq(outboxEmails.idempotencyKey, `ticket-reply:${ticketId}`));
  expect(queued.map((e) => e.to)).toEqual([customer.email]);
  expect(queued[0]?.body).toContain(reply);
});
