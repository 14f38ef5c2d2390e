import { requireApiKey } from "@/services/api/authenticate";
import { readTicketForApiKey } from "@/services/tickets/api-read";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";

/**
 * GET /api/v1/tickets/:id — where a ticket stands: status, classification, customer, order, conversation, draft,
 * proposed refund, decision and refund, read from Keel's tables, so it answers while the engine is stopped.
 */
export async function GET(request: Request, { params }: { params: Promise<{ ticketId: string }> }): Promise<Response> {
  return handleRoute(async () => {
    const apiKey = await requireApiKey(request);
    const { ticketId } = await params;
    const ticket = await readTicketForApiKey(apiKey, ticketId);
    if (!ticket) throw new AppError("not_found:ticket", "This ticket does not exist.");
    return Response.json(ticket);
  });
}
