import { z } from "zod";
import { formatMoney } from "../money";

/**
 * What a person decides on a ticket's task. Approving sends the reply and issues the refund as they stand on the
 * ticket; editing first changes either (a refund of null means none); rejecting and escalating send and refund
 * nothing and say why.
 */
export type TicketDecision =
  | { action: "approve" }
  | { action: "edit_and_approve"; reply: string; refundMinor: number | null }
  | { action: "reject"; reason: string }
  | { action: "escalate"; reason: string };
export type TicketDecisionAction = TicketDecision["action"];

export const maxReplyChars = 20_000;

const reason = z
  .string()
  .trim()
  .min(3, "Say why in a few words, so whoever reads the ticket next can act on it.")
  .max(1000, "Keep the reason under 1,000 characters.");

/** A ticket decision as a form or an API sends it, each field checked with a message that says what to fix. */
export const ticketDecisionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("approve") }),
  z.object({
    action: z.literal("edit_and_approve"),
    reply: z
      .string()
      .trim()
      .min(1, "Write the reply the customer gets; it cannot be empty.")
      .max(maxReplyChars, `Keep the reply under ${maxReplyChars.toLocaleString("en")} characters.`),
    refundMinor: z
      .int("Enter the refund in whole minor units.")
      .nonnegative("A refund cannot be negative; enter 0 or leave it empty for none.")
      .nullable()
      .transform((minor) => (minor === 0 ? null : minor)),
  }),
  z.object({ action: z.literal("reject"), reason }),
  z.object({ action: z.literal("escalate"), reason }),
]);

/** The ticket's draft as the task page showed it or as it stands under the lock. */
export type TicketDraft = { reply: string; refundMinor: number | null; currency: string | null };

/**
 * The reply and refund a decision sends: the draft as it stands, or as the person edited it. A refund a person
 * types is in the order's currency, the only one it can be paid back in.
 */
export function decidedDraft(decision: TicketDecision, draft: TicketDraft, orderCurrency: string | null): TicketDraft {
  if (decision.action !== "edit_and_approve") return draft;
  const currency = decision.refundMinor === null ? null : (orderCurrency ?? draft.currency);
  return { reply: decision.reply, refundMinor: decision.refundMinor, currency };
}

/** Whether a decision changes the draft, so the decision record says "edited". */
export function changesDraft(decided: TicketDraft, draft: TicketDraft): boolean {
  return (
    decided.reply !== draft.reply || decided.refundMinor !== draft.refundMinor || decided.currency !== draft.currency
  );
}

/**
 * Why a decided refund cannot be paid as it stands, in words that say what to do, or null: it needs an order on file,
 * the order's currency, and no more than what is left of the order's total after its other tickets' refunds
 * (`refundedMinor`), which is what the refund step will allow.
 */
export function refundProblem(
  decided: TicketDraft,
  order: { reference: string; currency: string; totalMinor: number; refundedMinor: number } | null,
): string | null {
  if (decided.refundMinor === null) return null;
  if (order === null)
    return "This ticket has no order on file, so a refund cannot be checked against what was paid: leave the refund empty, or reject or escalate the ticket.";
  if (decided.currency !== order.currency)
    return `The refund is in ${decided.currency ?? "no currency"} but order ${order.reference} was paid in ${order.currency}: edit the refund (it is then in ${order.currency}), or reject the ticket.`;
  const money = (minor: number) => formatMoney({ minor, currency: order.currency });
  if (decided.refundMinor > order.totalMinor)
    return `A refund of ${money(decided.refundMinor)} is more than order ${order.reference}'s total of ${money(order.totalMinor)}: lower it, or escalate the ticket.`;
  const left = Math.max(0, order.totalMinor - order.refundedMinor);
  if (decided.refundMinor > left)
    return `A refund of ${money(decided.refundMinor)} is more than the ${money(left)} left on order ${order.reference} (${money(order.refundedMinor)} was already refunded on other tickets): lower it, or escalate the ticket.`;
  return null;
}

function refundWords(draft: TicketDraft): string {
  return draft.refundMinor !== null && draft.currency
    ? `a refund of ${formatMoney({ minor: draft.refundMinor, currency: draft.currency })}`
    : "no refund";
}

/** The one sentence the ticket's read model keeps about its decision: who decided what. */
export function decisionSummary(
  decision: TicketDecision,
  by: string,
  decided: TicketDraft,
  approvers: readonly string[] = [by],
): string {
  const who = approvers.length > 1 ? approvers.join(" and ") : by;
  switch (decision.action) {
    case "approve":
      return `${who} approved the reply with ${refundWords(decided)}.`;
    case "edit_and_approve":
      return `${who} edited and approved the reply with ${refundWords(decided)}.`;
    case "reject":
      return `${by} rejected the ticket: ${decision.reason}`;
    case "escalate":
      return `${by} escalated the ticket: ${decision.reason}`;
  }
}
