import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { db } from "@/db/index";
import { tasks } from "@/db/schema";
import { ticketAuditActions } from "@/domain/tickets/timeline";
import { expect, test } from "../fixtures";
import { makeStoredTicket, makeTicketCustomer, makeTicketOrder, noteTicketAudit } from "../factories/stored-tickets";

const phone = { width: 390, height: 844 };

async function expectNoSidewaysScroll(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

test("an operator narrows the tickets list by customer, status, intent and priority, and opens a ticket", async ({
  page,
  signInAs,
}) => {
  const tag = randomBytes(4).toString("hex");
  const customer = await makeTicketCustomer(tag);
  await makeStoredTicket(customer, {
    subject: `Where is it ${tag}`,
    status: "resolved",
    intent: "order_status",
    priority: "low",
  });
  await makeStoredTicket(customer, {
    subject: `Refund please ${tag}`,
    body: "The kettle arrived broken. Please refund it.",
    status: "awaiting_decision",
    intent: "refund_request",
    priority: "high",
    language: "en",
    classConfidence: 0.92,
  });
  await makeStoredTicket(customer, {
    subject: `Angry ${tag}`,
    status: "awaiting_decision",
    intent: "complaint",
    priority: "urgent",
  });
  await signInAs("operator");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tickets" }).click();
  await expect(page.getByRole("heading", { name: "Tickets", exact: true })).toBeVisible();

  const filters = page.getByRole("form", { name: "Filters" });
  const rows = page.getByRole("table", { name: "Tickets" }).locator("tbody tr");
  await filters.getByLabel("Customer email").fill(`customer-${tag}`);
  await filters.getByLabel("Customer email").press("Enter");
  await expect(page).toHaveURL(new RegExp(`customer=customer-${tag}`));
  // Newest first.
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`Angry ${tag}`);

  await filters.getByLabel("Status").selectOption({ label: "Awaiting decision" });
  await expect(page).toHaveURL(/status=awaiting_decision/);
  await expect(rows).toHaveCount(2);
  await filters.getByLabel("Intent").selectOption({ label: "Refund request" });
  await expect(page).toHaveURL(/intent=refund_request/);
  await expect(rows).toHaveCount(1);
  await filters.getByLabel("Priority").selectOption({ label: "Urgent" });
  await expect(page).toHaveURL(/priority=urgent/);
  await expect(page.getByText("No ticket matches these filters.")).toBeVisible();
  await filters.getByLabel("Priority").selectOption({ label: "High" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Awaiting decision");
  await expect(rows.first()).toContainText("Refund request");
  await expect(rows.first()).toContainText(customer.email);

  await rows
    .first()
    .getByRole("link", { name: `Refund please ${tag}` })
    .click();
  await expect(page.getByRole("heading", { name: `Refund please ${tag}` })).toBeVisible();
  const classification = page.getByRole("region", { name: "Classification" });
  await expect(classification).toContainText("Refund request");
  await expect(classification).toContainText("High");
  await expect(classification).toContainText("92%");
  await expect(page.getByRole("region", { name: "Conversation" })).toContainText(
    "The kettle arrived broken. Please refund it.",
  );

  await page.goto(`/tickets?customer=${tag}&status=resolved`);
  await expect(rows).toHaveCount(1);
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/tickets$/);
});

test("the tickets list pages through a customer's older tickets and back to the newest on a forged link", async ({
  page,
  signInAs,
}) => {
  const tag = randomBytes(4).toString("hex");
  const customer = await makeTicketCustomer(tag);
  for (let i = 0; i < 51; i++)
    await makeStoredTicket(customer, { subject: `Paged ${tag} #${String(i).padStart(2, "0")}` });
  await signInAs("approver");
  await page.goto(`/tickets?customer=${tag}`);
  const rows = page.getByRole("table", { name: "Tickets" }).locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).toContainText(`Paged ${tag} #50`);
  await page.getByRole("link", { name: "Older tickets" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Paged ${tag} #00`);
  await expect(page.getByRole("link", { name: "Older tickets" })).toHaveCount(0);

  await page.goto(`/tickets?customer=${tag}&after=not-a-cursor`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("The page link was not one Keel made");
  await expect(rows).toHaveCount(50);
});

test("the ticket page shows the draft beside the message, the refund against its order, the findings, the task to decide and the timeline, on a phone too", async ({
  page,
  signInAs,
}) => {
  const tag = randomBytes(4).toString("hex");
  const customer = await makeTicketCustomer(tag);
  const order = await makeTicketOrder(customer, 4990, "EUR");
  const ticket = await makeStoredTicket(customer, {
    subject: `Broken kettle ${tag}`,
    body: `My kettle from ${order.reference} arrived broken. I want my money back.`,
    order,
    status: "awaiting_decision",
    intent: "refund_request",
    priority: "normal",
    language: "en",
    classConfidence: 0.81,
    draftReply: "We are sorry about the kettle. We will refund you €49.90.",
    refundProposedMinor: 4990,
    refundCurrency: "EUR",
    findings: [
      { rule: "refund-proposed", message: "The draft proposes a refund of €49.90; a person approves every refund." },
    ],
  });
  const [task] = await db()
    .insert(tasks)
    .values({
      ticketId: ticket.id,
      type: "TICKET_REVIEW",
      title: `Review ticket: Broken kettle ${tag}`,
      description: "",
      reasons: ["The draft proposes a refund of €49.90; a person approves every refund."],
      proposed: { kind: "ticket", reply: ticket.draftReply ?? "", refundMinor: 4990, currency: "EUR" },
      assignedRole: "approver",
      amountMinor: 4990,
      currency: "EUR",
      deadlineAt: new Date(Date.now() + 86_400_000),
    })
    .returning();
  await noteTicketAudit(ticket.id, ticketAuditActions.classified, {
    intent: "refund_request",
    priority: "normal",
    language: "en",
    confidence: 0.81,
  });

  await signInAs("operator");
  await page.goto(`/tickets/${ticket.id}`);
  await expect(page.getByRole("heading", { name: `Broken kettle ${tag}` })).toBeVisible();
  await expect(page.getByText("Awaiting decision", { exact: true })).toBeVisible();
  const draft = page.getByRole("region", { name: "Draft and original" });
  await expect(draft.getByRole("region", { name: "Customer's message" })).toContainText("arrived broken");
  await expect(draft.getByRole("region", { name: "Drafted reply" })).toContainText("We will refund you €49.90.");
  const refund = page.getByRole("region", { name: "Refund" });
  await expect(refund).toContainText("€49.90");
  await expect(refund).toContainText(order.reference);
  await expect(refund).toContainText("Refunded on other tickets");
  await expect(page.getByRole("region", { name: "Findings" })).toContainText("refund-proposed");
  await expect(
    page.getByRole("region", { name: "Decision" }).getByRole("link", { name: "Decide in inbox" }),
  ).toHaveAttribute("href", `/inbox/${task?.id ?? ""}`);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("Ticket received");
  await expect(timeline).toContainText("Classified as refund request, normal priority, language en (81 % confident)");

  for (const viewport of [phone, { width: 1280, height: 800 }]) {
    await page.setViewportSize(viewport);
    await expectNoSidewaysScroll(page);
  }
  await page.goto(`/tickets?customer=${tag}`);
  const table = page.getByRole("table", { name: "Tickets" });
  await expect(table).toBeVisible();
  // At 1280 px every column is on screen beside the menu, the last one included.
  for (const column of ["Status", "Customer", "Received"]) {
    const box = await table.getByRole("columnheader", { name: column }).boundingBox();
    expect(box && box.x + box.width, column).toBeLessThanOrEqual(1280);
  }
  await page.setViewportSize(phone);
  await expectNoSidewaysScroll(page);
});

test("a ticket that does not exist is a 404, whatever the address holds", async ({ page, signInAs }) => {
  await signInAs("operator");
  for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-ticket"]) {
    const response = await page.goto(`/tickets/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
});
