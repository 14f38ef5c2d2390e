import type { Role } from "../roles";
import { formatMoney } from "../money";
import { ticketIntentLabels, type TicketIntent } from "./classification";
import type { TicketRiskFinding } from "./risk";

export type TicketTaskContext = {
  subject: string;
  customerEmail: string;
  intent: TicketIntent | null;
  orderReference: string | null;
  refundMinor: number | null;
  refundCurrency: string | null;
};

/** The ticket task's title and description, rendered from the ticket: "Reply to ada@x.test: Broken kettle (€49.90)". */
export function describeTicketTask(
  ticket: TicketTaskContext,
  findings: readonly TicketRiskFinding[],
): { title: string; description: string } {
  const refund =
    ticket.refundMinor !== null && ticket.refundCurrency
      ? ` (refund ${formatMoney({ minor: ticket.refundMinor, currency: ticket.refundCurrency })})`
      : "";
  const about = [
    ticket.intent ? ticketIntentLabels[ticket.intent] : "Support ticket",
    ticket.orderReference ? `order ${ticket.orderReference}` : "no order named",
  ].join(", ");
  return {
    title: `Reply to ${ticket.customerEmail}: ${ticket.subject}${refund}`,
    description: [
      `${about}.`,
      ...(findings.length ? ["What Keel found:", ...findings.map((f) => `• ${f.message}`)] : []),
    ].join("\n"),
  };
}

/** Who decides a ticket first: a refund is money, so approvers; a reply alone is support's. */
export function ticketTaskRole(refundMinor: number | null): Role {
  return refundMinor !== null && refundMinor > 0 ? "approver" : "operator";
}
