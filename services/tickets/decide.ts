import { getRateBook } from "@/db/queries/exchange-rates";
import { decideTicketTaskRecord, draftOf, type TicketTaskAudit } from "@/db/queries/ticket-tasks";
import { listTaskApprovers, type InboxItem } from "@/db/queries/tasks";
import { getTicketWithMessages, sumOrderRefunds } from "@/db/queries/tickets";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import {
  decidedDraft,
  decisionSummary,
  refundProblem,
  type TicketDecision,
  type TicketDraft,
} from "@/domain/tickets/decision";
import { ticketTransition } from "@/domain/tickets/lifecycle";
import { mayDecideTicket, ticketApprovalsRequired } from "@/domain/tickets/policy";
import { ticketAuditActions } from "@/domain/tickets/timeline";
import { env } from "@/lib/env";
import type { ActionResult } from "@/lib/errors";
import { closed, subjectOf, type DecideOutcome } from "@/services/tasks/outcome";
import { sendWakeUp, wakeUpEvent } from "@/services/tasks/wake-run";

const auditAction = {
  approve: ticketAuditActions.approved,
  edit_and_approve: ticketAuditActions.edited,
  reject: ticketAuditActions.rejected,
  escalate: ticketAuditActions.escalated,
} as const;

/**
 * One decision on a ticket's task by a user `decide()` found may work it: the refund is checked against the order,
 * the policy judges the reply and refund as they would be decided, and one transaction closes the task and the
 * ticket (or records the first of two approvals). The run is woken after the commit; it refunds and replies.
 */
export async function decideTicketTask(
  user: User,
  task: InboxItem,
  decision: TicketDecision,
): Promise<ActionResult<DecideOutcome>> {
  const detail = task.ticketId ? await getTicketWithMessages(task.ticketId) : undefined;
  if (!detail) return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." };
  const { ticket, order } = detail;
  if (task.status !== "open") {
    const event = decision.action === "edit_and_approve" ? "approve" : decision.action;
    const refusal = ticketTransition(ticket, event, new Date());
    return refusal.ok ? closed(task) : { ok: false, code: "conflict:task", message: refusal.message };
  }
  const judged = draftOf(ticket);
  const decided = decidedDraft(decision, judged, order?.currency ?? null);
  const approving = decision.action === "approve" || decision.action === "edit_and_approve";
  const refundedMinor = approving && order ? await sumOrderRefunds(order.id, ticket.id) : 0;
  const problem = approving ? refundProblem(decided, order && { ...order, refundedMinor }) : null;
  if (problem)
    return decision.action === "edit_and_approve"
      ? { ok: false, code: "invalid", message: "Some fields need attention.", fieldErrors: { refundMinor: [problem] } }
      : { ok: false, code: "conflict:task", message: problem };

  const [approvedBy, rates] = await Promise.all([listTaskApprovers(task.id), getRateBook()]);
  const refund = { amountMinor: decided.refundMinor, currency: decided.currency };
  const answer = mayDecideTicket(user, decision.action, {
    task,
    createdBy: ticket.createdBy,
    refund,
    approvedBy,
    rates,
  });
  if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason };

  const names = await approverNames(approvedBy, user);
  const by = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? "someone");
  const result = await decideTicketTaskRecord({
    taskId: task.id,
    actor: { id: user.id, label: user.email },
    decision,
    judged,
    orderCurrency: order?.currency ?? null,
    required: ticketApprovalsRequired(refund, env().KEEL_FOUR_EYES_FROM_MINOR, rates),
    now: new Date(),
    summary: (final, approvers) => decisionSummary(decision, user.email, final, by(approvers)),
    audit: (final, approvers) => auditEntry(user, decision, final, task.id, by(approvers)),
    wake: wakeUpEvent(task, decision.action),
  });
  if (!result.ok) {
    switch (result.reason) {
      case "ticket":
        return { ok: false, code: "conflict:task", message: result.message };
      case "not_found":
        return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." };
      case "stale":
        return {
          ok: false,
          code: "conflict:task",
          message: "The reply or refund changed since you opened this task. Reload to see it, then decide.",
        };
      case "already_approved_by_you":
        return { ok: false, code: "conflict:task", message: "You have approved; a second approver must confirm." };
      default:
        return closed(result.task);
    }
  }
  if (!result.resolved) return { ok: true, data: { ...subjectOf(task), resolved: false } };
  await sendWakeUp(task.id);
  return { ok: true, data: { ...subjectOf(task), resolved: true } };
}

/** Who approved so far, by email, for the decision's one sentence; the deciding user is known already. */
async function approverNames(ids: readonly string[], user: User): Promise<Map<string, string>> {
  const found = await Promise.all(ids.filter((id) => id !== user.id).map((id) => getUserById(id)));
  const names = new Map(found.flatMap((u) => (u ? [[u.id, u.email] as const] : [])));
  names.set(user.id, user.email);
  return names;
}

function auditEntry(
  user: User,
  decision: TicketDecision,
  decided: TicketDraft,
  taskId: string,
  approvers: string[],
): TicketTaskAudit {
  const reason = "reason" in decision ? { reason: decision.reason } : {};
  return {
    actor: { id: user.id, label: user.email },
    action: auditAction[decision.action],
    after: { taskId, refundMinor: decided.refundMinor, currency: decided.currency, approvers, ...reason },
  };
}
