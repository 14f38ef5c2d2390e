import { z } from "zod";
import type { TicketCursor } from "@/db/queries/tickets";
import type { TicketViewFilter } from "@/db/queries/ticket-views";
import { ticketIntents, ticketPriorities } from "@/domain/tickets/classification";
import { ticketStatuses } from "@/domain/tickets/lifecycle";
import { decodeTicketCursor } from "@/services/tickets/read";

// A filter that cannot be read is left open, never an error page: links get typed, shortened and pasted.
const rawSchema = z.object({
  status: z.enum(ticketStatuses).optional().catch(undefined),
  intent: z.enum(ticketIntents).optional().catch(undefined),
  priority: z.enum(ticketPriorities).optional().catch(undefined),
  customer: z.string().trim().max(320).optional().catch(undefined),
  after: z.string().max(400).optional().catch(undefined),
});

export type TicketsParams = z.infer<typeof rawSchema>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

/**
 * The Tickets list's URL: what it shows, as the query a database reads, and the page to start after. A page link
 * Keel did not make (edited, cut short) starts again at the newest tickets, and `stalePage` says so.
 */
export function parseTicketsParams(search: Record<string, string | string[] | undefined>): {
  params: TicketsParams;
  filter: TicketViewFilter;
  after: TicketCursor | undefined;
  stalePage: boolean;
} {
  const params = rawSchema.parse(Object.fromEntries(Object.keys(rawSchema.shape).map((k) => [k, single(search[k])])));
  const after = params.after === undefined ? undefined : decodeTicketCursor(params.after);
  return {
    params,
    filter: {
      status: params.status,
      intent: params.intent,
      priority: params.priority,
      customerEmail: params.customer || undefined,
    },
    after,
    stalePage: params.after !== undefined && after === undefined,
  };
}

/** The list's link with the same filters, without the page cursor. */
export function ticketsQuery(params: TicketsParams): Record<string, string> {
  const { after: _after, ...filters } = params;
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
