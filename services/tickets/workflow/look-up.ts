import { recordTicketStage } from "@/db/queries/tickets";
import { ticketAuditActions, ticketRunActor } from "@/domain/tickets/timeline";
import { findTicketOrder } from "@/services/tickets/refund-context";
import { requireTicket } from "./load";

/** Step: the customer's order the ticket names, linked on the ticket; an unknown one is left for the risk rules. */
export async function lookUpTicketStep(ticketId: string): Promise<{ orderFound: boolean }> {
  const ticket = await requireTicket(ticketId);
  const order = await findTicketOrder(ticket);
  await recordTicketStage(
    ticketId,
    { orderId: order?.id ?? null },
    {
      actor: ticketRunActor,
      action: ticketAuditActions.lookedUp,
      after: {
        orderReference: ticket.orderReference ?? order?.reference ?? null,
        orderFound: order !== null,
        orderId: order?.id ?? null,
      },
    },
  );
  return { orderFound: order !== null };
}
