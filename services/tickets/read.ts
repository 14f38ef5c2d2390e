import { z } from "zod";
import { getTicketWithMessages, listTickets, type TicketCursor, type TicketDetail } from "@/db/queries/tickets";
import { ticketIntents, ticketPriorities } from "@/domain/tickets/classification";
import { ticketStatuses } from "@/domain/tickets/lifecycle";
import type { TicketListItem } from "@/db/queries/tickets";
import { AppError } from "@/lib/errors";

/**
 * The tickets' read model as the API, the list and the ticket page ask for it. Everything comes from Keel's tables,
 * so it answers with the engine stopped and its history pruned.
 */

const notFound = () => new AppError("not_found:ticket", "This ticket does not exist.");

/** One ticket with its conversation, order and refund; an id that is not a ticket's is "not found", never a 500. */
export async function readTicket(id: string): Promise<TicketDetail> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  const detail = await getTicketWithMessages(id);
  if (!detail) throw notFound();
  return detail;
}

/** The list's filters and page as a query string gives them; a filter that is not one of the values is dropped. */
export const ticketListQuerySchema = z.object({
  status: z.enum(ticketStatuses).optional().catch(undefined),
  intent: z.enum(ticketIntents).optional().catch(undefined),
  priority: z.enum(ticketPriorities).optional().catch(undefined),
  customer: z.uuid().optional().catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).catch(50),
});
/** The list's parameters as a URL carries them: strings, any of them missing. */
export type TicketListQuery = { [K in keyof z.input<typeof ticketListQuerySchema>]?: string | undefined };

// createdAt as PostgreSQL prints a timestamptz: what the list's keyset compares, microseconds included.
const timestampKey = /^(\d{4})-(\d{2})-(\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/** Whether PostgreSQL can read the key back as a time: the right shape, on a day the calendar has. */
function isTimestampKey(key: string): boolean {
  const m = timestampKey.exec(key);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const cursorSchema = z.object({ key: z.string().refine(isTimestampKey), id: z.uuid() });

export function encodeTicketCursor(cursor: TicketCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** A cursor from a link; anything else — edited, truncated, from another list — is undefined, not a database error. */
export function decodeTicketCursor(text: string): TicketCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type TicketListPage = { items: TicketListItem[]; next: string | null; problems: string[] };

/** One page of the tickets list, newest first; a cursor that cannot be read starts again at the first page and says so. */
export async function readTicketList(query: TicketListQuery): Promise<TicketListPage> {
  const q = ticketListQuerySchema.parse(query);
  const after = q.after === undefined ? undefined : decodeTicketCursor(q.after);
  const problems =
    q.after !== undefined && after === undefined
      ? ["The page link was not one Keel made; showing the newest tickets instead."]
      : [];
  const page = await listTickets(
    { status: q.status, intent: q.intent, priority: q.priority, customerId: q.customer },
    { after, limit: q.limit },
  );
  return { items: page.items, next: page.next ? encodeTicketCursor(page.next) : null, problems };
}
