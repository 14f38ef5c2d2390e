import { createHash } from "node:crypto";
import { isIntakeError, IntakeError } from "@/intake/errors";
import { readLimited } from "@/intake/limits";
import { requireApiKey } from "@/services/api/authenticate";
import { requireIdempotencyKey, withIdempotencyKey } from "@/services/api/idempotency";
import { createTicketViaApi, maxTicketRequestBytes, parseTicketRequest } from "@/services/tickets/api";
import { handleRoute } from "@/lib/http";

/** The request's bytes, read no further than the limit: a larger body is refused before it is all in memory. */
async function readBody(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  try {
    return request.body
      ? await readLimited(request.body, {
          maxBytes: maxTicketRequestBytes,
          ...(Number.isFinite(declared) ? { declaredBytes: declared } : {}),
        })
      : new Uint8Array();
  } catch (error) {
    if (!isIntakeError(error) || error.reason !== "too_large") throw error;
    throw new IntakeError(
      "too_large",
      "The ticket is larger than 5 MB, the most POST /api/v1/tickets takes. Send the customer's message as text, without attachments, or shorten it.",
    );
  }
}

/**
 * POST /api/v1/tickets — a support ticket as JSON (`customerEmail`, `subject`, `body`, optional `customerName` and
 * `orderReference`), with an API key and an Idempotency-Key: the same key with the same body answers as the first
 * time, even while the first is still running; with another body, 409.
 */
export async function POST(request: Request): Promise<Response> {
  return handleRoute(async () => {
    const apiKey = await requireApiKey(request);
    const idempotencyKey = requireIdempotencyKey(request, "a retried request never makes a second ticket");
    const bytes = await readBody(request);
    const ticket = parseTicketRequest(bytes);
    // The parsed request, not its bytes: a retry that spaces or orders its JSON differently is the same request.
    const requestHash = createHash("sha256").update(JSON.stringify(ticket)).digest("hex");
    return withIdempotencyKey({ apiKeyId: apiKey.id, key: idempotencyKey, requestHash }, () =>
      createTicketViaApi(ticket, apiKey),
    );
  });
}
