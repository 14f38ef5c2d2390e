import { NonRetriableError } from "inngest";
import { openTaskForTicket } from "@/db/queries/ticket-tasks";
import { getTicketWithMessages } from "@/db/queries/tickets";
import { describeTicketTask, ticketTaskRole } from "@/domain/tickets/task";
import { ticketAuditActions, ticketRunActor } from "@/domain/tickets/timeline";
import { env } from "@/lib/env";
import { emailTaskLinks } from "@/services/tasks/task-emails";
import { announceTask } from "@/services/realtime/announce";

export type OpenedTicketTask = { taskId: string; openedAt: string; deadlineAt: string };

/**
 * Step: the task a ticket's run waits on, opened from what the run wrote to the ticket (classification, draft,
 * refund proposal, findings), with the ticket moved to awaiting a decision in the same transaction and the task's
 * emails queued with their action links. Idempotent: a step that runs again finds the same task.
 */
export async function openTicketTaskStep(ticketId: string, now: Date): Promise<OpenedTicketTask> {
  const detail = await getTicketWithMessages(ticketId);
  if (!detail) throw new NonRetriableError(`Ticket ${ticketId} does not exist.`);
  const { ticket, customer } = detail;
  const findings = ticket.findings ?? [];
  const { title, description } = describeTicketTask(
    {
      subject: ticket.subject,
      customerEmail: customer.email,
      intent: ticket.intent,
      orderReference: ticket.orderReference,
      refundMinor: ticket.refundProposedMinor,
      refundCurrency: ticket.refundCurrency,
    },
    findings,
  );
  const hours = env().KEEL_TICKET_DECISION_HOURS * env().KEEL_DEADLINE_SCALE;
  const opened = await openTaskForTicket(
    {
      ticketId,
      type: "TICKET_REVIEW",
      title,
      description,
      reasons: findings.map((f) => f.message),
      proposed: {
        kind: "ticket",
        reply: ticket.draftReply ?? "",
        refundMinor: ticket.refundProposedMinor,
        currency: ticket.refundCurrency,
      },
      assignedRole: ticketTaskRole(ticket.refundProposedMinor),
      amountMinor: ticket.refundProposedMinor,
      currency: ticket.refundCurrency,
      deadlineAt: new Date(now.getTime() + hours * 3_600_000),
    },
    now,
    (task) => ({
      actor: ticketRunActor,
      action: ticketAuditActions.taskOpened,
      after: { taskId: task.id, assignedRole: task.assignedRole, deadlineAt: task.deadlineAt.toISOString() },
    }),
  );
  if (!opened.ok)
    throw new NonRetriableError(
      opened.reason === "not_found" ? `Ticket ${ticketId} does not exist.` : `Ticket ${ticketId}: ${opened.message}`,
    );
  const { task } = opened;
  await emailTaskLinks(task);
  await announceTask(task);
  return { taskId: task.id, openedAt: task.createdAt.toISOString(), deadlineAt: task.deadlineAt.toISOString() };
}
