import { transitionTicket } from "@/db/queries/tickets";
import { classifyTicket } from "@/domain/tickets/classify";
import { ticketAuditActions, ticketRunActor } from "@/domain/tickets/timeline";
import { customerMessage, requireTicket } from "./load";
import { announceTicket } from "@/services/realtime/announce";

/**
 * Step: the rules' classification, written to the ticket at once so the list shows intent and priority while the
 * model drafts; a model lane that answers later refines it.
 */
export async function classifyTicketStep(ticketId: string, now: Date): Promise<void> {
  const ticket = await requireTicket(ticketId);
  const message = await customerMessage(ticketId);
  const classification = classifyTicket({ subject: ticket.subject, body: message.bodyText });
  await transitionTicket(
    ticketId,
    "classify",
    {
      intent: classification.intent,
      priority: classification.priority,
      language: classification.language,
      classConfidence: classification.confidence,
    },
    now,
    [{ actor: ticketRunActor, action: ticketAuditActions.classified, after: { ...classification, by: "rules" } }],
  );
  await announceTicket(ticketId);
}
