import { findTicketsByMessageIds } from "@/db/queries/tickets";
import { threadLookupIds, threadTicket, type ThreadDecision, type ThreadHeaders } from "@/domain/tickets/threading";

/** Which ticket an incoming email from `customerId` belongs to, by its headers and the messages Keel holds. */
export async function findThread(headers: ThreadHeaders, customerId: string): Promise<ThreadDecision> {
  return threadTicket(headers, customerId, await findTicketsByMessageIds(threadLookupIds(headers)));
}
