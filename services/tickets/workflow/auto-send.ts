import { transitionTicket } from "@/db/queries/tickets";
import { ticketAuditActions, ticketRunActor } from "@/domain/tickets/timeline";
import { NonRetriableError } from "inngest";
import { announceTicket } from "@/services/realtime/announce";

/**
 * Step: a reply with no findings goes out without a person. The ticket moves to sending first, which shuts the door
 * on decisions (terminalAt), exactly as an approval does.
 */
export async function autoSendTicketStep(ticketId: string, now: Date): Promise<void> {
  const moved = await transitionTicket(
    ticketId,
    "auto_send",
    { decisionSummary: "Sent by Keel without a person: low risk and no money." },
    now,
    [{ actor: ticketRunActor, action: ticketAuditActions.autoSent }],
  );
  if (!moved.ok)
    throw new NonRetriableError(moved.reason === "not_found" ? `Ticket ${ticketId} does not exist.` : moved.message);
  await announceTicket(ticketId);
}
