import { NonRetriableError } from "inngest";
import { getLatestIncomingMessage, getTicketById } from "@/db/queries/tickets";
import type { Ticket, TicketMessage } from "@/db/schema";

/** The ticket a step works on; a missing one is a permanent failure, since retrying cannot make it appear. */
export async function requireTicket(ticketId: string): Promise<Ticket> {
  const ticket = await getTicketById(ticketId);
  if (!ticket) throw new NonRetriableError(`Ticket ${ticketId} does not exist.`);
  return ticket;
}

/** The customer's words the run answers: their latest message, or nothing when the ticket holds none. */
export async function customerMessage(ticketId: string): Promise<Pick<TicketMessage, "bodyText" | "bodyTruncated">> {
  return (await getLatestIncomingMessage(ticketId)) ?? { bodyText: "", bodyTruncated: false };
}
