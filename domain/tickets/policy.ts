import type { RateBook } from "../fx";
import { approversForAmount, deciderRefusal, withinLimit, type PolicyAnswer, type PolicyUser } from "../tasks/policy";
import type { TicketDecisionAction } from "./decision";

/** What a ticket decision is judged on besides the user: the task, who wrote the ticket in, and the refund. */
export type TicketPolicyFacts = {
  task: { status: string };
  /** The person who typed the ticket in the browser; null for the API and email. */
  createdBy: string | null;
  /** The refund as it would be decided (the draft's, or the person's edit): minor units in its currency. */
  refund: { amountMinor: number | null; currency: string | null };
  approvedBy: readonly string[];
  rates: RateBook;
};

/**
 * May this user take this decision on a ticket's task? The same answer for the task page (buttons disabled with
 * the reason), the server action and the email link. Anyone in support may reject or escalate, and approve a reply
 * that refunds nothing; a refund is judged against the user's approval limit in their approval currency, converted
 * at the book's rates. Nobody approves a ticket they wrote in themselves: the reply would go out in their name only.
 */
export function mayDecideTicket(
  user: PolicyUser,
  action: TicketDecisionAction,
  facts: TicketPolicyFacts,
): PolicyAnswer {
  if (facts.task.status !== "open") return { allowed: false, reason: `This task is ${facts.task.status}.` };
  const refused = deciderRefusal(user, "TICKET_REVIEW");
  if (refused) return refused;
  if (action === "reject" || action === "escalate") return { allowed: true };
  if (action === "approve" && facts.approvedBy.includes(user.id))
    return { allowed: false, reason: "You have approved; a second approver must confirm." };
  if (facts.createdBy !== null && facts.createdBy === user.id)
    return { allowed: false, reason: "You wrote this ticket in yourself; someone else must approve the reply." };
  if (facts.refund.amountMinor === null) return { allowed: true };
  return withinLimit(user, facts.refund, facts.rates);
}

/** How many distinct people approve: two for a refund at or above the four-eyes threshold, one otherwise. */
export function ticketApprovalsRequired(
  refund: TicketPolicyFacts["refund"],
  fourEyesFromMinor: number,
  rates: RateBook,
): number {
  return approversForAmount(refund, fourEyesFromMinor, rates);
}
