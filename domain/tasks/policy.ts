import type { TaskType } from "../routing";
import { formatMoney } from "../money";

export type Role = "operator" | "approver" | "admin";
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
 * How many distinct people must approve: two for a spending task at or above the four-eyes threshold (minor units,
 * compared in the task's currency), otherwise one.
 */
export function approvalsRequired(task: Pick<PolicyTask, "type" | "amountMinor">, fourEyesFromMinor: number): number {
  return spending.has(task.type) && task.amountMinor !== null && task.amountMinor >= fourEyesFromMinor ? 2 : 1;
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
};

/** Tasks whose approval commits money: the approver's limit applies, and never to their own upload. */
const spending: ReadonlySet<TaskType> = new Set(["APPROVE_SPEND", "CONFIRM_PRICE_CHANGE", "HIGH_RISK_ACTION", "CONFIRM_BANK_CHANGE"]);

const roleNames: Record<Role, string> = { operator: "operators", approver: "approvers", admin: "admins" };

/**
 * May this user take this action on this task? The same answer for the inbox (buttons disabled with the reason),
 * the server action and the email link. Rejecting is allowed to anyone who may decide the task: stopping a
 * payment never needs a limit.
 */
export function mayAct(user: PolicyUser, task: PolicyTask, action: TaskAction, approvedBy: readonly string[] = []): PolicyAnswer {
  if (task.status !== "open") return { allowed: false, reason: `This task is ${task.status}.` };
  if (action === "approve" && approvedBy.includes(user.id)) {
    return { allowed: false, reason: "You have approved; a second approver must confirm." };
  }
  const roles = deciders[task.type];
  if (!roles.includes(user.role)) {
    return { allowed: false, reason: `Only ${roles.map((r) => roleNames[r]).join(" or ")} decide this kind of task.` };
  }
  if (action === "reject" || !spending.has(task.type)) return { allowed: true };
  if (task.uploadedBy !== null && task.uploadedBy === user.id) {
    return { allowed: false, reason: "You uploaded this document; someone else must approve it." };
  }
  if (task.amountMinor !== null && task.currency !== null) {
    if (task.currency !== user.approvalCurrency) {
      return { allowed: false, reason: `Your approval limit is in ${user.approvalCurrency}; this amount is in ${task.currency}.` };
    }
    if (task.amountMinor > user.approvalLimitMinor) {
      const amount = formatMoney({ minor: task.amountMinor, currency: task.currency });
      const limit = formatMoney({ minor: user.approvalLimitMinor, currency: user.approvalCurrency });
      return { allowed: false, reason: `${amount} is over your approval limit of ${limit}.` };
    }
  }
  return { allowed: true };
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
