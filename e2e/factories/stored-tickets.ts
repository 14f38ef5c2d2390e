import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/index";
import { recordAudit } from "@/db/queries/audit";
import { addMissingOrders, findOrCreateCustomer, getOrderByReference } from "@/db/queries/customers";
import { createTicket, updateTicket, type TicketStageColumns } from "@/db/queries/tickets";
import { tickets, type Customer, type Order, type Ticket } from "@/db/schema";
import type { TicketStatus } from "@/domain/tickets/lifecycle";
import { ticketAuditActions } from "@/domain/tickets/timeline";

/** A customer of the spec's own, so no other spec's tickets match a search for it. */
export async function makeTicketCustomer(tag = randomBytes(4).toString("hex")): Promise<Customer> {
  return findOrCreateCustomer({ email: `e2e-customer-${tag}@example.test`, name: `E2E Customer ${tag}` });
}

/** A paid order of `customer`'s, under a reference no other spec uses (or the one given, for mail to name). */
export async function makeTicketOrder(
  customer: Customer,
  totalMinor = 4990,
  currency = "EUR",
  reference = `E2E-${randomBytes(4).toString("hex").toUpperCase()}`,
): Promise<Order> {
  await addMissingOrders([
    {
      reference,
      customerId: customer.id,
      currency,
      totalMinor,
      paidAt: new Date("2026-11-01T10:00:00Z"),
      status: "paid",
    },
  ]);
  const order = await getOrderByReference(reference);
  if (!order) throw new Error("makeTicketOrder: the order was not saved");
  return order;
}

/**
 * A ticket as a run would leave it at `status`, written straight to the tables and with no run started, so its
 * state stays what the spec set while it looks at it.
 */
export async function makeStoredTicket(
  customer: Customer,
  options: { subject: string; body?: string; status?: TicketStatus; order?: Order } & TicketStageColumns,
): Promise<Ticket> {
  const { subject, body, status, order, ...stage } = options;
  const { ticket } = await createTicket({
    customerId: customer.id,
    subject,
    source: "email",
    orderId: order?.id ?? null,
    orderReference: order?.reference ?? null,
    message: {
      direction: "in",
      from: customer.email,
      subject,
      bodyText: body ?? `${subject}: please help.`,
    },
  });
  if (Object.keys(stage).length > 0) await updateTicket(ticket.id, stage);
  if (status) await db().update(tickets).set({ status }).where(eq(tickets.id, ticket.id));
  await noteTicketAudit(ticket.id, ticketAuditActions.received);
  return { ...ticket, ...stage, status: status ?? ticket.status };
}

/** An audit entry about the ticket as the run writes one, so its timeline has something to show. */
export async function noteTicketAudit(
  ticketId: string,
  action: string,
  after?: Record<string, unknown>,
): Promise<void> {
  await recordAudit({
    actor: { id: null, label: "ticket run" },
    action,
    subjectType: "ticket",
    subjectId: ticketId,
    correlationId: ticketId,
    ...(after ? { after } : {}),
  });
}
