import type { Role as UserRole } from "../roles";
import type { TaskType } from "../routing";

/** A step of a task's deadline ladder: remind whoever holds it, then escalate to a wider role. */
export type Rung = { kind: "remind" } | { kind: "escalate"; toRole: UserRole };

/** Where a task goes when its first role does not decide in time. Admin tasks have nowhere higher to go. */
const escalation: Record<TaskType, UserRole | null> = {
  REVIEW_EXTRACTION: "approver",
  CONFIRM_DUPLICATE: "approver",
  APPROVE_SPEND: "admin",
  CONFIRM_PRICE_CHANGE: "admin",
  CONFIRM_BANK_CHANGE: null,
  HIGH_RISK_ACTION: null,
  CONFIRM_NEW_VENDOR: "admin",
  // No run waits on a QA review, so nothing climbs its ladder; it stays with approvers until someone looks.
  QA_REVIEW: null,
  // A reply left with operators widens to approvers; one proposing a refund is already theirs and stays there.
  TICKET_REVIEW: "approver",
};

/**
 * The ladder before the deadline: a reminder at half the time, escalation at three quarters. At the deadline the
 * run applies the safe default (nothing is posted), never an approval.
 */
export function deadlineLadder(type: TaskType, openedAt: Date, deadlineAt: Date): { at: Date; rung: Rung }[] {
  const span = deadlineAt.getTime() - openedAt.getTime();
  const at = (fraction: number) => new Date(openedAt.getTime() + Math.round(span * fraction));
  const toRole = escalation[type];
  return [
    { at: at(0.5), rung: { kind: "remind" } },
    toRole ? { at: at(0.75), rung: { kind: "escalate", toRole } } : { at: at(0.75), rung: { kind: "remind" } },
  ];
}
