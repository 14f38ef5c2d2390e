import { randomBytes } from "node:crypto";
import { listAuditForSubject } from "@/db/queries/audit";
import { eq } from "drizzle-orm";
import { db } from "@/db/index";
import { getTicketWithMessages } from "@/db/queries/tickets";
import { tickets } from "@/db/schema";
import { expect, test } from "../fixtures";

const ticketIdOf = (url: string) => new URL(url).pathname.split("/").pop() ?? "";

/** A customer's email as a mail program saves it, from an address no other spec uses. */
function savedEmail(tag: string, options: { from?: boolean } = {}): Buffer {
  return Buffer.from(
    [
      ...(options.from === false ? [] : [`From: "Eml Customer" <e2e-eml-${tag}@example.test>`]),
      "MIME-Version: 1.0",
      "To: help@support.keel.test",
      `Subject: Saved email ${tag}`,
      `Message-ID: <e2e-${tag}@mail.example.test>`,
      "Date: Mon, 30 Nov 2026 08:00:00 +0000",
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Hello, my parcel ${tag} never arrived. Can you check where it is?`,
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
