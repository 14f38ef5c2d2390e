import type { User } from "@/db/schema";
import { messageOf, type TicketRequest } from "./api";
import { receiveTicketMessage } from "./receive";

/**
 * A ticket an operator types in for a customer (a phone call, a letter): the same intake as the API and email, with
 * the operator as its author, so the audit log and the ticket say who entered it. The form's server action checks
 * the permission and parses with `ticketRequestSchema` first.
 */
export async function createTicketAsOperator(
  request: TicketRequest,
  operator: Pick<User, "id" | "email">,
): Promise<{ ticketId: string }> {
  const { ticketId } = await receiveTicketMessage({
    ...messageOf(request),
    source: "browser",
    actor: { id: operator.id, label: operator.email },
  });
  return { ticketId };
}
