import { requireTicket } from "./load";
import { announceTicket } from "@/services/realtime/announce";

/** Step: the run has the ticket (a start event for a ticket that is gone ends the run at once). */
export async function startTicketStep(ticketId: string): Promise<{ status: string }> {
  const ticket = await requireTicket(ticketId);
  await announceTicket(ticketId);
  return { status: ticket.status };
}
