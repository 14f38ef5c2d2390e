import { describe, expect, it } from "vitest";
import { loadTicketView } from "@/app/(app)/tickets/[ticketId]/ticket-view";
import { db } from "@/db/index";
import { recordAudit } from "@/db/queries/audit";
import { queueEmail } from "@/db/queries/ledger";
import { recordRefund, updateTicket } from "@/db/queries/tickets";
import { tasks } from "@/db/schema";
import { ticketAuditActions } from "@/domain/tickets/timeline";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { makeCustomer, makeOrder, makeTicket } from "./factories";

// No engine runs in this file: what the ticket page shows comes from Keel's tables alone.
withKeelDatabase();

const audit = (ticketId: string, action: string, after: Record<string, unknown> = {}) =>
  recordAudit({
    actor: { id: null, label: "ticket run" },
    action,
    subjectType: "ticket",
    subjectId: ticketId,
    correlationId: ticketId,
    after,
  });

describe("the ticket page's view", () => {
  it("holds a decided ticket's draft, decision, refund with its attempts, reply and timeline, with no engine running", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer, { totalMinor: 10_000 });
    const earlier = await makeTicket(customer, { orderId: order.id, orderReference: order.reference });
    await recordRefund({ ticketId: earlier.id, orderId: order.id, amountMinor: 2_500, currency: "EUR" });
    const ticket = await makeTicket(customer, { orderId: order.id, orderReference: order.reference });
    await updateTicket(ticket.id, {
      intent: "refund_request",
      priority: "high",
      language: "en",
      classConfidence: 0.7,
      draftReply: "We have refunded €40.00.",
      refundProposedMinor: 4_000,
      refundCurrency: "EUR",
      decisionSummary: "An approver edited the reply and approved a refund of €40.00.",
      findings: [{ rule: "refund-proposed", message: "The draft proposes a refund; a person approves every refund." }],
    });
    const approver = await makeUser({ role: "approver" });
    const [task] = await db()
      .insert(tasks)
      .values({
        ticketId: ticket.id,
        type: "TICKET_REVIEW",
        status: "resolved",
        title: "Review ticket",
        description: "",
        reasons: [],
        proposed: { kind: "ticket", reply: "Sorry.", refundMinor: 4_990, currency: "EUR" },
        assignedRole: "approver",
        deadlineAt: new Date(Date.now() + 86_400_000),
        resolvedAt: new Date(),
        resolvedBy: approver.id,
        action: "edit_and_approve",
        parameters: { reply: "We have refunded €40.00.", refundMinor: 4_000, currency: "EUR" },
      })
      .returning();
    for (let i = 0; i < 2; i++)
      await recordRefund({ ticketId: ticket.id, orderId: order.id, amountMinor: 4_000, currency: "EUR" });
    await queueEmail({
      idempotencyKey: `ticket-reply:${ticket.id}`,
      documentId: null,
      to: customer.email,
      subject: "Re: Where is my order?",
      body: "We have refunded €40.00.",
    });
    await audit(ticket.id, ticketAuditActions.edited, { refundMinor: 4_000, currency: "EUR" });
    await audit(ticket.id, ticketAuditActions.refunded, { amountMinor: 4_000, currency: "EUR", applied: true });

    const view = await loadTicketView(ticket.id);
    expect(view).toMatchObject({
      ticket: { id: ticket.id, status: "received", draftReply: "We have refunded €40.00.", refundProposedMinor: 4_000 },
      customer: { email: customer.email },
      order: { reference: order.reference, totalMinor: 10_000 },
      messages: [{ direction: "in", bodyText: "Hello, my order has not arrived." }],
      refund: {
        amountMinor: 4_000,
        attempts: [
          { attempt: 1, outcome: "applied" },
          { attempt: 2, outcome: "already_applied" },
        ],
      },
      refundedElsewhereMinor: 2_500,
      findings: [{ rule: "refund-proposed" }],
      task: { id: task?.id, status: "resolved", approvedBy: [] },
      record: { decidedBy: { email: approver.email }, task: { action: "edit_and_approve" } },
      replyEmail: { to: customer.email, status: "queued" },
    });
    expect(view?.audit.map((e) => e.action)).toEqual([ticketAuditActions.edited, ticketAuditActions.refunded]);
  });

  it("has no task, record, reply or findings for a ticket the run has not reached yet", async () => {
    const ticket = await makeTicket(await makeCustomer());
    expect(await loadTicketView(ticket.id)).toMatchObject({
      order: null,
      refund: null,
      task: undefined,
      record: undefined,
      replyEmail: undefined,
      findings: null,
      refundedElsewhereMinor: 0,
    });
  });

  it("is undefined for an id that is no ticket's, or no id at all", async () => {
    expect(await loadTicketView("00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await loadTicketView("../../etc/passwd")).toBeUndefined();
  });
});
