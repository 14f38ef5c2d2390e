import { and, eq } from "drizzle-orm";
import { db } from "@/db/index";
import { listAuditForSubject } from "@/db/queries/audit";
import { getRefundForTicket, getTicketById, getTicketWithMessages } from "@/db/queries/tickets";
import { outboxEmails, tasks, type Task, type Ticket } from "@/db/schema";
import { isFinalTicketStatus, type TicketStatus } from "@/domain/tickets/lifecycle";
import { until, untilRun } from "../engine/helpers";
import { makeCustomer, makeOrder } from "./factories";

/** What the waits read the engine's runs through when they time out. */
type Runs = Parameters<typeof untilRun>[0];

/** A customer with a paid order asking for a refund of it, through the real intake. */
export async function sendRefundRequest(body: string, order: { currency?: string; totalMinor?: number } = {}) {
  const customer = await makeCustomer("Jane Doe");
  const placed = await makeOrder(customer, order);
  const ticketId = await sendTicket({
    customerEmail: customer.email,
    subject: `Refund for order ${placed.reference}`,
    body,
    orderReference: placed.reference,
  });
  return { customer, order: placed, ticketId };
}

/** A message from a new customer, through the real intake. */
export async function sendFromNewCustomer(subject: string, body: string, orderReference: string | null = null) {
  const customer = await makeCustomer();
  return sendTicket({ customerEmail: customer.email, subject, body, orderReference });
}

/** A ticket through the real intake, which starts its run on the engine. */
export async function sendTicket(input: {
  customerEmail: string;
  subject: string;
  body: string;
  orderReference?: string | null;
}): Promise<string> {
  // Imported late: the Inngest client reads the engine's URL from the environment the harness sets.
  const { receiveTicketMessage } = await import("@/services/tickets/receive");
  const { ticketId } = await receiveTicketMessage({ source: "api", actor: { id: null, label: "test" }, ...input });
  return ticketId;
}

export async function ticketTask(ticketId: string): Promise<Task | undefined> {
  const [task] = await db()
    .select()
    .from(tasks)
    .where(and(eq(tasks.ticketId, ticketId), eq(tasks.type, "TICKET_REVIEW")));
  return task;
}

/** Until the run opens the ticket's task (and the ticket awaits a decision). */
export function openedTask(engine: Runs, ticketId: string, timeoutMs = 30_000): Promise<Task> {
  return untilRun(
    engine,
    `ticket ${ticketId} to wait for a person`,
    async () => {
      const [task, ticket] = await Promise.all([ticketTask(ticketId), getTicketById(ticketId)]);
      return task && ticket?.status === "awaiting_decision" ? task : undefined;
    },
    timeoutMs,
  );
}

/** Until the ticket reaches one of the statuses nothing follows. */
export function finished(engine: Runs, ticketId: string, timeoutMs = 30_000): Promise<Ticket> {
  return untilRun(
    engine,
    `ticket ${ticketId} to finish`,
    async () => {
      const ticket = await getTicketById(ticketId);
      return ticket && isFinalTicketStatus(ticket.status) ? ticket : undefined;
    },
    timeoutMs,
  );
}

export function ticketStatus(ticketId: string, status: TicketStatus, timeoutMs = 30_000): Promise<Ticket> {
  return until(
    `ticket ${ticketId} to be ${status}`,
    async () => {
      const ticket = await getTicketById(ticketId);
      return ticket?.status === status ? ticket : undefined;
    },
    timeoutMs,
  );
}

/** Everything a ticket's outcome left behind: the refund and its attempts, the reply emails, the conversation. */
export async function outcome(ticketId: string) {
  const [refund, replies, detail, audit] = await Promise.all([
    getRefundForTicket(ticketId),
    db()
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.idempotencyKey, `ticket-reply:${ticketId}`)),
    getTicketWithMessages(ticketId),
    listAuditForSubject("ticket", ticketId),
  ]);
  return {
    refund: refund ?? null,
    replies,
    outgoing: detail?.messages.filter((m) => m.direction === "out") ?? [],
    actions: audit.map((a) => a.action).reverse(),
    ticket: detail?.ticket,
  };
}
