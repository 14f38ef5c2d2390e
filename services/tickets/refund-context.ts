import { getCustomerOrderByReference, getOrderById } from "@/db/queries/customers";
import { listCustomerRefunds, sumOrderRefunds } from "@/db/queries/tickets";
import type { Order, Ticket } from "@/db/schema";
import type { TicketRiskInput, TicketRiskSettings } from "@/domain/tickets/risk";

export type RefundContext = Pick<TicketRiskInput, "order" | "orderReference" | "priorRefunds"> & {
  /** The order's row, for the refund itself; null when the ticket names none or one that is not the customer's. */
  orderRow: Order | null;
};

/**
 * The customer's order: the ticket's own when set, else the reference they wrote if it is an order of theirs. A
 * reference to someone else's order is treated as unknown, so one customer never learns of or refunds another's.
 */
export async function findTicketOrder(
  ticket: Pick<Ticket, "customerId" | "orderId" | "orderReference">,
): Promise<Order | null> {
  if (ticket.orderId) {
    const order = await getOrderById(ticket.orderId);
    if (order?.customerId === ticket.customerId) return order;
  }
  if (!ticket.orderReference?.trim()) return null;
  return (await getCustomerOrderByReference(ticket.customerId, ticket.orderReference)) ?? null;
}

/** What the refund rules weigh about money already paid and returned, read for one ticket at `now`. */
export async function readRefundContext(
  ticket: Pick<Ticket, "id" | "customerId" | "orderId" | "orderReference">,
  settings: Pick<TicketRiskSettings, "repeatRefundDays">,
  now: Date,
): Promise<RefundContext> {
  const order = await findTicketOrder(ticket);
  const since = new Date(now.getTime() - settings.repeatRefundDays * 86_400_000);
  const [refundedMinor, priorRefunds] = await Promise.all([
    order ? sumOrderRefunds(order.id, ticket.id) : Promise.resolve(0),
    listCustomerRefunds(ticket.customerId, since, ticket.id),
  ]);
  return {
    orderRow: order,
    orderReference: ticket.orderReference?.trim() || (order?.reference ?? null),
    order: order
      ? { reference: order.reference, totalMinor: order.totalMinor, currency: order.currency, refundedMinor }
      : null,
    priorRefunds,
  };
}
