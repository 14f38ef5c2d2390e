import { db } from "@/db/index";
import { openTaskForTicket } from "@/db/queries/ticket-tasks";
import { customers, orders, tickets } from "@/db/schema";
import { describeTicketTask, ticketTaskRole } from "@/domain/tickets/task";
import { ticketAuditActions } from "@/domain/tickets/timeline";

/**
 * A ticket as its run leaves it when it asks a person (classified, drafted, an order on file), with its Review
 * ticket task opened the way the run's step opens it, under names no other spec uses. No run waits on it: a spec
 * that decides it checks the decision, not the refund and reply that follow.
 */
export async function makeTicketTask(tag: string, options: { refundMinor?: number | null } = {}) {
  const refundMinor = options.refundMinor ?? null;
  const [customer] = await db()
    .insert(customers)
    .values({ email: `e2e-tt-${tag}@example.test`, name: `Ticket Task ${tag}` })
    .returning();
  if (!customer) throw new Error("makeTicketTask: no customer");
  const [order] = await db()
    .insert(orders)
    .values({ reference: `E2E-TT-${tag}`, customerId: customer.id, currency: "EUR", totalMinor: 4_990, status: "paid" })
    .returning();
  if (!order) throw new Error("makeTicketTask: no order");
  const subject = `Where is my parcel ${tag}`;
  const [ticket] = await db()
    .insert(tickets)
    .values({
      customerId: customer.id,
      orderId: order.id,
      orderReference: order.reference,
      subject,
      status: "drafting",
      intent: "order_status",
      priority: "normal",
      language: "en",
      classConfidence: 0.6,
      draftReply: `Hello, your parcel for order ${order.reference} is on its way.`,
      refundProposedMinor: refundMinor,
      refundCurrency: refundMinor === null ? null : "EUR",
      findings: [{ rule: "low-confidence", message: "Keel is unsure what the customer wants; a person checks." }],
      source: "api",
    })
    .returning();
  if (!ticket) throw new Error("makeTicketTask: no ticket");
  const { title, description } = describeTicketTask(
    {
      subject,
      customerEmail: customer.email,
      intent: ticket.intent,
      orderReference: order.reference,
      refundMinor,
      refundCurrency: ticket.refundCurrency,
    },
    ticket.findings ?? [],
  );
  const now = new Date();
  const opened = await openTaskForTicket(
    {
      ticketId: ticket.id,
      type: "TICKET_REVIEW",
      title,
      description,
      reasons: (ticket.findings ?? []).map((f) => f.message),
      proposed: { kind: "ticket", reply: ticket.draftReply ?? "", refundMinor, currency: ticket.refundCurrency },
      assignedRole: ticketTaskRole(refundMinor),
      amountMinor: refundMinor,
      currency: ticket.refundCurrency,
      deadlineAt: new Date(now.getTime() + 86_400_000),
    },
    now,
    (task) => ({
      actor: { id: null, label: "e2e" },
      action: ticketAuditActions.taskOpened,
      after: { taskId: task.id },
    }),
  );
  if (!opened.ok) throw new Error(`makeTicketTask: ${opened.reason}`);
  return { ticket, customer, order, task: opened.task };
}
