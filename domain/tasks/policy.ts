import type { TaskType } from "../routing";
import { convert, type Conversion, type RateBook } from "../fx";
import { formatMoney } from "../money";
import type { Role } from "../roles";

export type { Role };
export type TaskAction = "approve" | "reject";

export type PolicyUser = { id: string; role: Role; approvalLimitMinor: number; approvalCurrency: string };
export type PolicyTask = {
  type: TaskType;
  status: string;
  amountMinor: number | null;
  currency: string | null;
  /** Who uploaded the document; null for API and email intake. */
  uploadedBy: string | null;
};

/**
 * What an approval is judged on besides the user and the task: who approved already, who corrected the document's
 * fields (`listFieldEditors`), and the exchange rates in force today. Required, so no caller forgets one of them.
 */
export type ApprovalFacts = { approvedBy: readonly string[]; fieldEditors: readonly string[]; rates: RateBook };

/**
 * How many distinct people must approve: two for a spending task at or above the four-eyes threshold, otherwise
 * one. The threshold is in the base currency; another currency is converted with today's rate, and an amount
 * that cannot be converted asks for two.
 */
export function approvalsRequired(
  task: Pick<PolicyTask, "type" | "amountMinor" | "currency">,
  fourEyesFromMinor: number,
  rates: RateBook,
): number {
  if (!spending.has(task.type)) return 1;
  return approversForAmount(task, fourEyesFromMinor, rates);
}

/** Two approvers for an amount at or above the four-eyes threshold (in the base currency), one below or for none. */
export function approversForAmount(
  money: Pick<PolicyTask, "amountMinor" | "currency">,
  fourEyesFromMinor: number,
  rates: RateBook,
): number {
  if (money.amountMinor === null) return 1;
  const converted =
    money.currency === null || money.currency === rates.base
      ? null
      : convert(money.amountMinor, money.currency, rates.base, rates);
  if (converted && !converted.ok) return 2;
  const amount = converted ? converted.conversion.toMinor : money.amountMinor;
  return amount >= fourEyesFromMinor ? 2 : 1;
}

export type PolicyAnswer = { allowed: true } | { allowed: false; reason: string };

/** Which roles may decide each kind of task at all. */
const deciders: Record<TaskType, readonly Role[]> = {
  REVIEW_EXTRACTION: ["operator", "approver", "admin"],
  CONFIRM_DUPLICATE: ["operator", "approver", "admin"],
  APPROVE_SPEND: ["approver", "admin"],
  CONFIRM_PRICE_CHANGE: ["approver", "admin"],
  CONFIRM_BANK_CHANGE: ["admin"],
  HIGH_RISK_ACTION: ["admin"],
  CONFIRM_NEW_VENDOR: ["approver", "admin"],
  QA_REVIEW: ["approver", "admin"],
  // A reply anyone in support may send; a refund is judged by `domain/tickets/policy.ts` against the user's limit.
  TICKET_REVIEW: ["operator", "approver", "admin"],
};

/** Tasks whose approval commits money: the approver's limit applies, and never to their own upload. */
const spending: ReadonlySet<TaskType> = new Set([
  "APPROVE_SPEND",
  "CONFIRM_PRICE_CHANGE",
  "HIGH_RISK_ACTION",
  "CONFIRM_BANK_CHANGE",
]);

const roleNames: Record<Role, string> = { operator: "operators", approver: "approvers", admin: "admins" };

/**
 * The task's amount in the user's limit currency: as it is when the currencies match, converted with the book's
 * rates otherwise (`conversion` says how, for the decision record), or why it cannot be.
 */
export function amountInLimitCurrency(
  user: Pick<PolicyUser, "approvalCurrency">,
  task: Pick<PolicyTask, "amountMinor" | "currency">,
  rates: RateBook,
): { ok: true; amountMinor: number; conversion: Conversion | null } | { ok: false; reason: string } | null {
  if (task.amountMinor === null || task.currency === null) return null;
  if (task.currency === user.approvalCurrency) return { ok: true, amountMinor: task.amountMinor, conversion: null };
  const converted = convert(task.amountMinor, task.currency, user.approvalCurrency, rates);
  if (!converted.ok) return { ok: false, reason: converted.reason };
  return { ok: true, amountMinor: converted.conversion.toMinor, conversion: converted.conversion };
}

/**
 * May this user take this action on this task? The same answer for the inbox (buttons disabled with the reason),
 * the server action and the email link. Rejecting is allowed to anyone who may decide the task: stopping a
 * payment never needs a limit. Approving spend is refused to the uploader and to anyone who corrected the fields
 * (nobody moves money alone), and judged against the limit in the approver's currency, converted at today's rate.
 */
export function mayAct(user: PolicyUser, task: PolicyTask, action: "reject"): PolicyAnswer;
export function mayAct(user: PolicyUser, task: PolicyTask, action: "approve", facts: ApprovalFacts): PolicyAnswer;
export function mayAct(user: PolicyUser, task: PolicyTask, action: TaskAction, facts?: ApprovalFacts): PolicyAnswer {
  if (task.status !== "open") return { allowed: false, reason: `This task is ${task.status}.` };
  if (action === "approve" && facts?.approvedBy.includes(user.id)) {
    return { allowed: false, reason: "You have approved; a second approver must confirm." };
  }
  const refused = deciderRefusal(user, task.type);
  if (refused) return refused;
  if (action === "reject" || !spending.has(task.type)) return { allowed: true };
  if (task.uploadedBy !== null && task.uploadedBy === user.id) {
    return { allowed: false, reason: "You uploaded this document; someone else must approve it." };
  }
  if (facts?.fieldEditors.includes(user.id)) {
    return { allowed: false, reason: "You corrected this document's fields; someone else must approve it." };
  }
  if (!facts) return { allowed: false, reason: "Keel could not check this approval; reload the page and try again." };
  return withinLimit(user, task, facts.rates);
}

/** Whether an amount is within the user's approval limit, converted to their limit currency at the book's rates. */
export function withinLimit(
  user: PolicyUser,
  money: Pick<PolicyTask, "amountMinor" | "currency">,
  rates: RateBook,
): PolicyAnswer {
  const judged = amountInLimitCurrency(user, money, rates);
  if (judged === null) return { allowed: true };
  if (!judged.ok) return { allowed: false, reason: judged.reason };
  if (judged.amountMinor > user.approvalLimitMinor) {
    const amount = formatMoney({ minor: money.amountMinor ?? 0, currency: money.currency ?? user.approvalCurrency });
    const converted = judged.conversion
      ? ` (${formatMoney({ minor: judged.amountMinor, currency: user.approvalCurrency })})`
      : "";
    const limit = formatMoney({ minor: user.approvalLimitMinor, currency: user.approvalCurrency });
    return { allowed: false, reason: `${amount}${converted} is over your approval limit of ${limit}.` };
  }
  return { allowed: true };
}

/** Which roles may decide a kind of task at all, as a refusal naming them or null. */
export function deciderRefusal(user: Pick<PolicyUser, "role">, type: TaskType): PolicyAnswer | null {
  const roles = deciders[type];
  return roles.includes(user.role)
    ? null
    : { allowed: false, reason: `Only ${roles.map((r) => roleNames[r]).join(" or ")} decide this kind of task.` };
}

/** Whether approving this kind of task commits money: the keyboard asks before it approves one. */
export function isSpending(type: TaskType): boolean {
  return spending.has(type);
}

/**
 * May the person at the browser confirm a link sent to `recipientId`? A link acts for its recipient only: someone
 * signed in as anyone else is refused whatever the link says, so nobody decides in another person's name or adds
 * a second approval of their own through someone else's link. Without a session the emailed token is the
 * credential.
 */
export function mayConfirmLink(recipient: { id: string; name: string }, signedIn: { id: string } | null): PolicyAnswer {
  if (signedIn === null || signedIn.id === recipient.id) return { allowed: true };
  return {
    allowed: false,
    reason: `This link was sent to ${recipient.name} and acts only for them. You are signed in as someone else: decide in your own inbox instead.`,
  };
}
