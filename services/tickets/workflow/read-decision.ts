import { NonRetriableError } from "inngest";
import { getTaskById } from "@/db/queries/tasks";
import { expireTicketTask, getTicketById } from "@/db/queries/tickets";
import type { Task } from "@/db/schema";
import type { TicketDecisionOutcome } from "@/domain/payloads/ticket-steps";
import { systemActors } from "@/domain/timeline";
import { ticketAuditActions } from "@/domain/tickets/timeline";
import { announceTask } from "@/services/realtime/announce";
import { decisionSeen } from "@/services/tasks/wake-run";

export const ticketExpiryReason = "No decision before the deadline; nothing was refunded or sent.";

const outcomes: Record<string, TicketDecisionOutcome["outcome"]> = {
  approve: "approved",
  edit_and_approve: "approved",
  reject: "rejected",
  escalate: "escalated",
};

async function outcomeOf(task: Task): Promise<TicketDecisionOutcome> {
  if (task.status === "open") return { outcome: "pending", action: null, by: null, refundMinor: null };
  if (task.status !== "resolved") return { outcome: "expired", action: task.action, by: null, refundMinor: null };
  const outcome = outcomes[task.action ?? ""] ?? "rejected";
  // The decided refund is on the ticket: the decision wrote it there before anyone could refund.
  const ticket = task.ticketId ? await getTicketById(task.ticketId) : undefined;
  return {
    outcome,
    action: task.action,
    by: task.resolvedBy,
    refundMinor: outcome === "approved" ? (ticket?.refundProposedMinor ?? null) : null,
  };
}

/**
 * Step: what was decided, read from the task rather than trusted from the event, so a decision whose wake-up was
 * lost still counts. At the deadline a task still open expires with its ticket in one transaction that locks the
 * task and then the ticket, as the decision does: if a decision landed first, that decision is the answer. Either
 * way there is exactly one outcome.
 */
export async function readTicketDecisionStep(
  taskId: string,
  atDeadline: boolean,
  now: Date = new Date(),
): Promise<TicketDecisionOutcome> {
  const decision = await readDecision(taskId, atDeadline, now);
  if (decision.outcome !== "pending") await decisionSeen(taskId);
  return decision;
}

async function readDecision(taskId: string, atDeadline: boolean, now: Date): Promise<TicketDecisionOutcome> {
  const task = await getTaskById(taskId);
  if (!task) throw new NonRetriableError(`Task ${taskId} does not exist.`);
  if (task.status !== "open" || !atDeadline) return outcomeOf(task);
  const expired = await expireTicketTask(taskId, ticketExpiryReason, now, [
    { actor: systemActors.deadline, action: ticketAuditActions.expired, after: { taskId, reason: ticketExpiryReason } },
  ]);
  if (!expired) throw new NonRetriableError(`Task ${taskId} is not a ticket's task.`);
  await announceTask(expired.task);
  return outcomeOf(expired.task);
}
