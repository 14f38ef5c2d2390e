/**
 * A refund is Keel's own record that money goes back for a ticket, standing in for the payment provider the way
 * the ledger stands in for the ERP. One per ticket: the ticket is the key, so however often the refund step runs —
 * a retry, a crash and a replay, two approvals racing — one refund exists and each attempt is logged beside it.
 */
export const refundStatuses = ["issued", "failed"] as const;
export type RefundStatus = (typeof refundStatuses)[number];
export const refundStatusLabels: Record<RefundStatus, string> = { issued: "Issued", failed: "Failed" };

/** What one attempt found: it wrote the refund, or the refund was already there (and stays as it was). */
export const refundAttemptOutcomes = ["applied", "already_applied"] as const;
export type RefundAttemptOutcome = (typeof refundAttemptOutcomes)[number];

/** A ticket message came in from the customer or went out from Keel. */
export const ticketMessageDirections = ["in", "out"] as const;
export type TicketMessageDirection = (typeof ticketMessageDirections)[number];
