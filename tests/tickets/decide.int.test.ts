import { randomBytes } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/index";
import { issueActionTokens } from "@/db/queries/action-tokens";
import { listAuditForSubject } from "@/db/queries/audit";
import { countInboxTasks, listInboxTasks } from "@/db/queries/inbox";
import { getTaskById, listTaskApprovers } from "@/db/queries/tasks";
import { getTicketById } from "@/db/queries/tickets";
import { customers, eventOutbox, orders, outboxEmails, refunds, tickets } from "@/db/schema";
import type { TicketRiskFinding } from "@/domain/tickets/risk";
import { ticketDecisionParametersSchema } from "@/domain/payloads/tickets";
import { taskResolvedId } from "@/services/events/catalog";
import { confirmActionLink } from "@/services/tasks/confirm-link";
import { decide } from "@/services/tasks/decide";
import { openTicketTaskStep } from "@/services/tickets/open-task";
import { readTicketDecisionStep } from "@/services/tickets/workflow/read-decision";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const findings: TicketRiskFinding[] = [
  { rule: "refund-proposed", message: "The draft proposes a refund; a person approves every refund." },
];

/** A ticket as the run leaves it before it asks a person: classified, drafted, assessed, with an order on file. */
async function draftedTicket(
  options: { refundMinor?: number | null; totalMinor?: number; createdBy?: string | null; currency?: string } = {},
) {
  const id = randomBytes(4).toString("hex");
  const currency = options.currency ?? "EUR";
  const [customer] = await db()
    .insert(customers)
    .values({ email: `ada-${id}@example.test`, name: "Ada" })
    .returning();
  if (!customer) throw new Error("no customer");
  const [order] = await db()
    .insert(orders)
    .values({
      reference: `ORD-${id}`,
      customerId: customer.id,
      currency: "EUR",
      totalMinor: options.totalMinor ?? 4_990,
      paidAt: new Date(),
      status: "delivered",
    })
    .returning();
  if (!order) throw new Error("no order");
  const refundMinor = options.refundMinor === undefined ? 4_990 : options.refundMinor;
  const [ticket] = await db()
    .insert(tickets)
    .values({
      customerId: customer.id,
      orderId: order.id,
      orderReference: order.reference,
      subject: `Broken kettle ${id}`,
      status: "drafting",
      intent: "refund_request",
      priority: "normal",
      language: "en",
      classConfidence: 0.82,
      draftReply: "Hello Ada, we are sorry. We will refund your order.",
      refundProposedMinor: refundMinor,
      refundCurrency: refundMinor === null ? null : currency,
      findings,
      source: options.createdBy ? "browser" : "api",
      createdBy: options.createdBy ?? null,
    })
    .returning();
  if (!ticket) throw new Error("no ticket");
  const opened = await openTicketTaskStep(ticket.id, new Date());
  return { ticket, order, taskId: opened.taskId, opened };
}

const approver = (limitMinor = 100_000) =>
  makeUser({ role: "approver", approvalLimitMinor: limitMinor, approvalCurrency: "EUR" });

async function ticketAudit(ticketId: string) {
  return (await listAuditForSubject("ticket", ticketId)).map((a) => a.action).reverse();
}

async function wakeUp(taskId: string) {
  const [event] = await db()
    .select()
    .from(eventOutbox)
    .where(eq(eventOutbox.eventId, taskResolvedId(taskId)));
  return event;
}

async function snapshot(ticketId: string, taskId: string) {
  return {
    ticket: await getTicketById(ticketId),
    task: await getTaskById(taskId),
    audit: await ticketAudit(ticketId),
    refunds: await db().select().from(refunds).where(eq(refunds.ticketId, ticketId)),
  };
}

describe("opening a ticket's task", () => {
  it("opens one task per ticket, moves the ticket to awaiting a decision and emails the approvers their links", async () => {
    const person = await approver();
    const { ticket, taskId, opened } = await draftedTicket();
    const again = await openTicketTaskStep(ticket.id, new Date());
    expect(again).toEqual(opened);

    const task = await getTaskById(taskId);
    expect(task).toMatchObject({
      ticketId: ticket.id,
      documentId: null,
      type: "TICKET_REVIEW",
      status: "open",
      assignedRole: "approver",
      amountMinor: 4_990,
      currency: "EUR",
      reasons: [findings[0]?.message],
      proposed: { kind: "ticket", reply: ticket.draftReply, refundMinor: 4_990, currency: "EUR" },
    });
    // KEEL_TICKET_DECISION_HOURS defaults to a day.
    expect(Date.parse(opened.deadlineAt) - Date.parse(opened.openedAt)).toBeGreaterThan(23 * 3_600_000);
    expect(await getTicketById(ticket.id)).toMatchObject({ status: "awaiting_decision", terminalAt: null });
    expect(await ticketAudit(ticket.id)).toEqual(["ticket.task_opened"]);
    const emails = await db()
      .select()
      .from(outboxEmails)
      .where(and(eq(outboxEmails.to, person.email), like(outboxEmails.idempotencyKey, `task-open:${taskId}:%`)));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.body).toContain(`/inbox/${taskId}`);
  });

  it("gives a reply without a refund to the operators' queue", async () => {
    const { taskId } = await draftedTicket({ refundMinor: null });
    expect(await getTaskById(taskId)).toMatchObject({ assignedRole: "operator", amountMinor: null, currency: null });
  });
});

describe("deciding a ticket's task", () => {
  it("approves: shuts the ticket before any refund, records who decided what, and wakes the run", async () => {
    const person = await approver();
    const { ticket, taskId } = await draftedTicket();
    const result = await decide(person, taskId, { action: "approve" });
    expect(result).toEqual({ ok: true, data: { resolved: true, documentId: null, ticketId: ticket.id } });

    const closed = await getTicketById(ticket.id);
    expect(closed).toMatchObject({
      status: "sending",
      draftReply: ticket.draftReply,
      refundProposedMinor: 4_990,
      refundCurrency: "EUR",
      decisionSummary: `${person.email} approved the reply with a refund of €49.90.`,
    });
    expect(closed?.terminalAt).toBeInstanceOf(Date);
    const task = await getTaskById(taskId);
    expect(task).toMatchObject({ status: "resolved", action: "approve", resolvedBy: person.id });
    expect(ticketDecisionParametersSchema.parse(task?.parameters)).toMatchObject({
      reply: ticket.draftReply,
      refundMinor: 4_990,
      currency: "EUR",
    });
    expect(await ticketAudit(ticket.id)).toEqual(["ticket.task_opened", "ticket.approved"]);
    expect((await wakeUp(taskId))?.data).toEqual({ taskId, ticketId: ticket.id, action: "approve" });
    // The run reads the decision from the task and the ticket, as written here.
    expect(await readTicketDecisionStep(taskId, false)).toMatchObject({ outcome: "approved", refundMinor: 4_990 });
  });

  it("edits the reply and the refund, then approves them as edited", async () => {
    const person = await approver();
    const { ticket, taskId } = await draftedTicket();
    const reply = "Hello Ada, we have refunded €40.00 for the broken kettle.";
    const result = await decide(person, taskId, { action: "edit_and_approve", reply, refundMinor: 4_000 });
    expect(result.ok && result.data.resolved).toBe(true);
    expect(await getTicketById(ticket.id)).toMatchObject({
      status: "sending",
      draftReply: reply,
      refundProposedMinor: 4_000,
      refundCurrency: "EUR",
      decisionSummary: `${person.email} edited and approved the reply with a refund of €40.00.`,
    });
    expect(await getTaskById(taskId)).toMatchObject({
      action: "edit_and_approve",
      parameters: { reply, refundMinor: 4_000, currency: "EUR" },
      proposed: { reply: ticket.draftReply, refundMinor: 4_990 },
    });
    expect(await ticketAudit(ticket.id)).toContain("ticket.edited");
  });

  it("refuses an edited refund above the order's total beside the field, and changes nothing", async () => {
    const person = await approver();
    const { ticket, taskId } = await draftedTicket();
    const before = await snapshot(ticket.id, taskId);
    const result = await decide(person, taskId, { action: "edit_and_approve", reply: "Hi", refundMinor: 5_000 });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { refundMinor: [expect.stringContaining("more than order") as string] },
    });
    expect(await snapshot(ticket.id, taskId)).toEqual(before);
  });

  it("rejects with a reason: nothing is sent or refunded and the ticket says why", async () => {
    const person = await approver(0);
    const { ticket, taskId } = await draftedTicket();
    const result = await decide(person, taskId, { action: "reject", reason: "Not one of our orders" });
    expect(result.ok && result.data.resolved).toBe(true);
    expect(await getTicketById(ticket.id)).toMatchObject({
      status: "rejected",
      decisionSummary: `${person.email} rejected the ticket: Not one of our orders`,
    });
    expect(await getTaskById(taskId)).toMatchObject({
      action: "reject",
      parameters: { reason: "Not one of our orders" },
    });
    expect(await readTicketDecisionStep(taskId, false)).toMatchObject({ outcome: "rejected", refundMinor: null });
  });

  it("escalates with a reason, after which an approval is refused as expired and changes nothing", async () => {
    // Escalating moves no money: an approver without any limit may do it.
    const escalating = await approver(0);
    const person = await approver();
    const { ticket, taskId } = await draftedTicket();
    await decide(escalating, taskId, { action: "escalate", reason: "Legal threat; the lawyers answer this" });
    expect(await getTicketById(ticket.id)).toMatchObject({ status: "escalated" });
    const before = await snapshot(ticket.id, taskId);

    const late = await decide(person, taskId, { action: "approve" });
    expect(late).toEqual({
      ok: false,
      code: "conflict:task",
      message: "This ticket no longer takes decisions (escalated); nothing was refunded or sent.",
    });
    expect(await snapshot(ticket.id, taskId)).toEqual(before);
  });

  it("refuses a decision after the deadline expired the task, saying so, and refunds nothing", async () => {
    const person = await approver();
    const { ticket, taskId } = await draftedTicket();
    expect(await readTicketDecisionStep(taskId, true)).toMatchObject({ outcome: "expired" });
    const before = await snapshot(ticket.id, taskId);

    const late = await decide(person, taskId, { action: "edit_and_approve", reply: "Sorry", refundMinor: 100 });
    expect(late).toEqual({
      ok: false,
      code: "conflict:task",
      message: "This ticket no longer takes decisions (expired); nothing was refunded or sent.",
    });
    expect(await snapshot(ticket.id, taskId)).toEqual(before);
    expect(before.refunds).toEqual([]);
  });

  it("refuses a second approval once the first shut the door", async () => {
    const first = await approver();
    const second = await approver();
    const { ticket, taskId } = await draftedTicket();
    await decide(first, taskId, { action: "approve" });
    const before = await snapshot(ticket.id, taskId);
    const again = await decide(second, taskId, { action: "approve" });
    expect(again).toEqual({
      ok: false,
      code: "conflict:task",
      message: "This ticket was already decided (sending); nothing was changed.",
    });
    expect(await snapshot(ticket.id, taskId)).toEqual(before);
  });

  it("under four eyes, records the first approval and resolves on a second approver's", async () => {
    // KEEL_FOUR_EYES_FROM_MINOR defaults to €10,000.00.
    const first = await approver(2_000_000);
    const second = await approver(2_000_000);
    const { ticket, taskId } = await draftedTicket({ refundMinor: 1_200_000, totalMinor: 1_500_000 });

    const one = await decide(first, taskId, { action: "approve" });
    expect(one).toEqual({ ok: true, data: { resolved: false, documentId: null, ticketId: ticket.id } });
    expect(await getTicketById(ticket.id)).toMatchObject({ status: "awaiting_decision", terminalAt: null });
    expect(await listTaskApprovers(taskId)).toEqual([first.id]);
    expect(await wakeUp(taskId)).toBeUndefined();
    expect(await decide(first, taskId, { action: "approve" })).toMatchObject({
      ok: false,
      message: "You have approved; a second approver must confirm.",
    });

    const two = await decide(second, taskId, { action: "approve" });
    expect(two.ok && two.data.resolved).toBe(true);
    expect(await getTicketById(ticket.id)).toMatchObject({
      status: "sending",
      decisionSummary: `${first.email} and ${second.email} approved the reply with a refund of €12,000.00.`,
    });
    expect(await getTaskById(taskId)).toMatchObject({ parameters: { approvers: [first.id, second.id] } });
  });

  it("holds a refund to the approver's limit, lets an operator send a reply that refunds nothing, and never the author", async () => {
    const operator = await makeUser({ role: "operator" });
    const { taskId } = await draftedTicket();
    expect(await decide(operator, taskId, { action: "approve" })).toMatchObject({
      ok: false,
      code: "not_found:task",
    });
    const small = await approver(1_000);
    expect(await decide(small, taskId, { action: "approve" })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: "€49.90 is over your approval limit of €10.00.",
    });

    const replyOnly = await draftedTicket({ refundMinor: null });
    expect(await decide(operator, replyOnly.taskId, { action: "approve" })).toMatchObject({
      ok: true,
      data: { resolved: true },
    });

    const author = await approver();
    const own = await draftedTicket({ createdBy: author.id });
    expect(await decide(author, own.taskId, { action: "approve" })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: "You wrote this ticket in yourself; someone else must approve the reply.",
    });
  });

  it("turns away a document's decision on a ticket's task with what to do instead", async () => {
    const person = await approver();
    const { taskId } = await draftedTicket();
    const result = await decide(person, taskId, {
      action: "edit_and_approve",
      extractionId: crypto.randomUUID(),
      edits: { totalMinor: "1.00" },
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      message: expect.stringContaining("reply and refund") as string,
    });
  });

  it("takes an emailed link's approval and a rejection with its reason, through the same decision", async () => {
    const person = await approver();
    const approved = await draftedTicket();
    const { approve } = await issueActionTokens(approved.taskId, person.id, ["approve"], approved.ticket.createdAt);
    const fresh = await issueActionTokens(approved.taskId, person.id, ["approve"], new Date(Date.now() + 3_600_000));
    expect(await confirmActionLink({ token: approve ?? "" }, null)).toMatchObject({ done: false });
    expect(await confirmActionLink({ token: fresh.approve ?? "" }, null)).toEqual({
      done: true,
      message: "Approved. Thank you.",
    });
    expect(await getTicketById(approved.ticket.id)).toMatchObject({ status: "sending" });

    const rejected = await draftedTicket();
    const { reject } = await issueActionTokens(
      rejected.taskId,
      person.id,
      ["reject"],
      new Date(Date.now() + 3_600_000),
    );
    expect(await confirmActionLink({ token: reject ?? "", reason: "" }, null)).toMatchObject({
      done: false,
      reasonError: expect.any(String) as string,
    });
    expect(await confirmActionLink({ token: reject ?? "", reason: "Already refunded by phone" }, null)).toEqual({
      done: true,
      message: "Rejected. Thank you.",
    });
    expect(await getTicketById(rejected.ticket.id)).toMatchObject({
      status: "rejected",
      decisionSummary: `${person.email} rejected the ticket: Already refunded by phone`,
    });
  });
});

describe("the inbox", () => {
  it("lists ticket tasks beside document tasks with their customer and subject, by type and by amount", async () => {
    const person = await approver();
    const documentTask = await makeTask({ amountMinor: 4_000, currency: "EUR", assignedRole: "approver" });
    const { ticket, taskId } = await draftedTicket({ refundMinor: 4_500 });
    const queue = { view: "queue" as const, status: "open" as const };

    const page = await listInboxTasks(person, queue, { sort: "amount", limit: 500 });
    const mine = page.items.filter((t) => t.id === taskId || t.id === documentTask.id);
    expect(mine.map((t) => t.id)).toEqual([taskId, documentTask.id]);
    expect(mine[0]).toMatchObject({
      ticketId: ticket.id,
      ticketSubject: ticket.subject,
      customerEmail: expect.stringMatching(/^ada-/) as string,
      filename: null,
      amountMinor: 4_500,
    });
    expect(mine[1]).toMatchObject({ ticketSubject: null, customerEmail: null, filename: expect.any(String) as string });

    const tickets = await listInboxTasks(person, { ...queue, type: "TICKET_REVIEW" }, { limit: 500 });
    expect(tickets.items.every((t) => t.type === "TICKET_REVIEW")).toBe(true);
    expect(tickets.items.map((t) => t.id)).toContain(taskId);
    expect(await countInboxTasks(person, { ...queue, type: "TICKET_REVIEW" })).toBe(tickets.items.length);
  });
});
