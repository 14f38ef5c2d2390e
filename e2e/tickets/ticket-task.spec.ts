import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/index";
import { createApiKey } from "@/db/queries/api-keys";
import { customers, orders, outboxEmails, refunds, tasks, tickets } from "@/db/schema";
import { makeTicketTask } from "../factories/ticket-tasks";
import { makeUser } from "../factories/users";
import { expect, test } from "../fixtures";
import { LoginPage } from "../pages/login-page";
import { moveToTask } from "../support/inbox";

/** A customer of their own with a paid €49.90 order, under names no other spec uses. */
async function customerWithOrder(tag: string) {
  const [customer] = await db()
    .insert(customers)
    .values({ email: `e2e-task-${tag}@example.test`, name: `Task Customer ${tag}` })
    .returning();
  if (!customer) throw new Error("no customer");
  const [order] = await db()
    .insert(orders)
    .values({
      reference: `E2E-T-${tag}`,
      customerId: customer.id,
      currency: "EUR",
      totalMinor: 4_990,
      paidAt: new Date(),
      status: "delivered",
    })
    .returning();
  if (!order) throw new Error("no order");
  return { customer, order };
}

test("a ticket's task: the customer's message beside the draft, the reply and refund edited, approved, recorded, refunded and sent once", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const tag = randomBytes(4).toString("hex");
  const { customer, order } = await customerWithOrder(tag);
  const subject = `Kettle arrived broken ${tag}`;
  const { secret } = await createApiKey(`e2e ticket task ${tag}`, { id: null, label: "e2e ticket task" });
  const sent = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${secret}`, "idempotency-key": `e2e-ticket-task-${tag}` },
    data: {
      customerEmail: customer.email,
      subject,
      body: `My kettle from order ${order.reference} arrived broken. Please refund €49.90.`,
      orderReference: order.reference,
    },
  });
  expect(sent.status()).toBe(201);
  const { id: ticketId } = (await sent.json()) as { id: string };

  // Admins see every queue, whichever role the run gives the task; the limit covers the refund.
  const admin = await makeUser({ role: "admin", approvalLimitMinor: 100_000, approvalCurrency: "EUR" });
  await new LoginPage(page).signInAs(admin);

  const taskOf = async () => {
    const [task] = await db().select({ id: tasks.id }).from(tasks).where(eq(tasks.ticketId, ticketId));
    return task?.id ?? null;
  };
  await expect.poll(taskOf, { timeout: 120_000, message: "the ticket's run opens its task" }).not.toBeNull();

  // The inbox refreshes itself; the ticket's task shows with its customer and the proposed refund.
  await page.goto("/inbox?type=TICKET_REVIEW&sort=newest");
  const row = page.getByRole("table", { name: "Tasks" }).getByRole("row").filter({ hasText: subject });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("Review ticket");
  await expect(row).toContainText(customer.email);
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  const taskId = new URL(page.url()).pathname.split("/").pop() ?? "";

  await expect(page.getByRole("heading", { level: 1 })).toContainText(subject);
  const original = page.getByRole("region", { name: "Customer's message" });
  await expect(original).toContainText("arrived broken. Please refund €49.90.");
  await expect(page.getByRole("region", { name: "Drafted reply" })).not.toBeEmpty();
  await expect(page.getByRole("region", { name: "Order and refund" })).toContainText(order.reference);
  await expect(page.getByRole("region", { name: "Classification" })).toContainText("%");

  const decision = page.getByRole("region", { name: "Decision" });
  await decision.getByRole("button", { name: "Edit reply and refund" }).click();
  const editor = page.getByRole("form", { name: "Edit the reply and refund" });
  const reply = `Hello, we are sorry about the kettle (${tag}). We have refunded €40.00 to your card.`;
  await editor.getByLabel("Reply to the customer").fill(reply);
  await editor.getByLabel("Refund (EUR)").fill("40.00");
  await editor.getByRole("button", { name: "Approve with these changes" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByText("Edited and approved: the reply and any refund go out", { exact: true })).toBeVisible();

  await page.goto(`/inbox/${taskId}`);
  const record = page.getByRole("region", { name: "Decision record" });
  await expect(record).toContainText("Approved with corrections");
  await expect(record).toContainText(admin.email);
  await expect(record).toContainText("€40.00");
  await expect(record).toContainText(reply);
  const changes = record.getByRole("table", { name: "Proposed and decided" });
  await expect(changes.getByRole("row", { name: /Refund/ })).toContainText("€49.90");
  await expect(page.getByRole("button", { name: /Approve/ })).toHaveCount(0);

  // The run refunds what was decided and queues the decided reply, each exactly once.
  const settled = async () => {
    const [ticket] = await db().select({ status: tickets.status }).from(tickets).where(eq(tickets.id, ticketId));
    return ticket?.status;
  };
  await expect.poll(settled, { timeout: 120_000 }).toBe("resolved");
  const issued = await db().select().from(refunds).where(eq(refunds.ticketId, ticketId));
  expect(issued.map((r) => [r.amountMinor, r.currency])).toEqual([[4_000, "EUR"]]);
  const replies = await db()
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.to, customer.email), eq(outboxEmails.idempotencyKey, `ticket-reply:${ticketId}`)));
  expect(replies).toHaveLength(1);
  expect(replies[0]?.body).toContain(reply);
});

test("the inbox's keys work on a ticket's task: r rejects it from the list with a reason", async ({
  page,
  signInAs,
}) => {
  const operator = await signInAs("operator");
  const tag = randomBytes(4).toString("hex");
  const { ticket, task } = await makeTicketTask(tag);

  await page.goto("/inbox?type=TICKET_REVIEW&sort=newest");
  await moveToTask(page, task.title);
  await page.keyboard.press("r");
  const dialog = page.getByRole("dialog", { name: "Reject this task" });
  await dialog.getByLabel("Reason").fill("The parcel was delivered yesterday; nothing to answer");
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByText(`Rejected: ${task.title}`, { exact: true })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: task.title })).toHaveCount(0);

  const status = async () => (await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0];
  await expect.poll(async () => (await status())?.status).toBe("rejected");
  expect((await status())?.decisionSummary).toBe(
    `${operator.email} rejected the ticket: The parcel was delivered yesterday; nothing to answer`,
  );
});

test("on a ticket's task page at 390 px, e opens the reply editor and an operator sends a reply that refunds nothing", async ({
  page,
  signInAs,
}) => {
  const operator = await signInAs("operator");
  const tag = randomBytes(4).toString("hex");
  const { ticket, task } = await makeTicketTask(tag);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Where is my parcel ${tag}`);
  await expect(page.getByRole("region", { name: "Why" })).toContainText("Keel is unsure");

  const reply = page.getByLabel("Reply to the customer");
  // Keys work once the page is hydrated; until then a press is lost, so press until the editor has the focus.
  await expect(async () => {
    await page.keyboard.press("e");
    await expect(reply).toBeFocused({ timeout: 1_000 });
  }).toPass();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const text = `Hello, your parcel ${tag} arrives tomorrow.`;
  await reply.fill(text);
  await page.getByRole("button", { name: "Approve with these changes" }).click();
  await expect(page).toHaveURL(/\/inbox$/);

  const [decided] = await db().select().from(tickets).where(eq(tickets.id, ticket.id));
  expect(decided).toMatchObject({ status: "sending", draftReply: text, refundProposedMinor: null });
  expect(decided?.decisionSummary).toBe(`${operator.email} edited and approved the reply with no refund.`);
});
