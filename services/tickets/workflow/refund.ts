import { NonRetriableError } from "inngest";
import { recordRefund, sumOrderRefunds, updateTicket } from "@/db/queries/tickets";
import type { Order, Ticket } from "@/db/schema";
import { formatMoney } from "@/domain/money";
import type { TicketRiskFinding } from "@/domain/tickets/risk";
import { ticketAuditActions, ticketRunActor } from "@/domain/tickets/timeline";
import { findTicketOrder } from "@/services/tickets/refund-context";
import { requireTicket } from "./load";
import { announceTicket } from "@/services/realtime/announce";

export type RefundOutput = { refundId: string; applied: boolean; attempt: number };

/** Why the decided refund cannot be paid as decided, as the finding a person reads; null when it can. */
function refusal(ticket: Ticket, order: Order | null, refundedMinor: number): TicketRiskFinding | null {
  const amount = { minor: ticket.refundProposedMinor ?? 0, currency: ticket.refundCurrency ?? "" };
  if (!order)
    return {
      rule: "no-order-for-refund",
      message:
        "The approved refund names no order of this customer's, so nothing was refunded; find the order and refund it by hand.",
    };
  if (amount.currency !== order.currency)
    return {
      rule: "refund-currency-mismatch",
      message: `The approved refund is in ${amount.currency} but order ${order.reference} was paid in ${order.currency}, so nothing was refunded; refund in ${order.currency} by hand.`,
      details: { refundCurrency: amount.currency, orderCurrency: order.currency },
    };
  const left = order.totalMinor - refundedMinor;
  if (amount.minor > left)
    return {
      rule: "refund-above-order-total",
      message: `The approved refund of ${formatMoney(amount)} is more than the ${formatMoney({ minor: Math.max(left, 0), currency: order.currency })} left on order ${order.reference}, so nothing was refunded; check the order.`,
      details: { amountMinor: amount.minor, totalMinor: order.totalMinor, refundedMinor },
    };
  return null;
}

/**
 * Step: the decided refund, once. Only a ticket whose door is shut (sending) may refund; `refunds.ticket_id` is
 * unique, so a retry, a replay after a crash or a racing second run finds the refund the first made, and every
 * attempt is logged in the same transaction. A refund the order cannot take (another currency, more than is left,
 * no order) is refused for good, with a finding saying what a person should do.
 */
export async function refundTicketStep(ticketId: string): Promise<RefundOutput> {
  const ticket = await requireTicket(ticketId);
  if (ticket.status !== "sending" && ticket.status !== "resolved")
    throw new NonRetriableError(`Ticket ${ticketId} is ${ticket.status}; only an approved ticket is refunded.`);
  if (ticket.refundProposedMinor === null || ticket.refundCurrency === null || ticket.refundProposedMinor <= 0)
    throw new NonRetriableError(`Ticket ${ticketId} has no decided refund to pay.`);
  const order = await findTicketOrder(ticket);
  const refused = refusal(ticket, order, order ? await sumOrderRefunds(order.id, ticketId) : 0);
  if (refused || !order) {
    const finding = refused ?? { rule: "no-order-for-refund" as const, message: "No order to refund." };
    await updateTicket(ticketId, { findings: [...(ticket.findings ?? []), finding] });
    throw new NonRetriableError(finding.message);
  }
  const amount = { amountMinor: ticket.refundProposedMinor, currency: ticket.refundCurrency };
  const result = await recordRefund({ ticketId, orderId: order.id, ...amount, detail: { by: "ticket run" } }, [
    {
      actor: ticketRunActor,
      action: ticketAuditActions.refunded,
      after: { ...amount, orderReference: order.reference },
    },
  ]);
  await announceTicket(ticketId);
  return { refundId: result.refund.id, applied: result.applied, attempt: result.attempt };
}
