import { z } from "zod";
import type { ApiKey } from "@/db/schema";
import type { TicketStatus } from "@/domain/tickets/lifecycle";
import { AppError } from "@/lib/errors";
import type { IdempotentAnswer } from "@/services/api/idempotency";
import { receiveTicketMessage } from "./receive";

/** The most a ticket request may carry: far above any real message, small enough to read into memory. */
export const maxTicketRequestBytes = 5 * 1024 * 1024;

/** What `POST /api/v1/tickets` takes as its JSON body. */
export const ticketRequestSchema = z.strictObject({
  customerEmail: z.email("Write the customer's email address, such as ana@example.com.").max(320),
  customerName: z.string().trim().max(200, "Keep the customer's name under 200 characters.").nullish(),
  subject: z
    .string("Write the subject as text.")
    .trim()
    .min(1, "Write a subject: a few words on what the customer asks.")
    .max(998, "Keep the subject under 998 characters."),
  body: z
    .string("Write the customer's message as text.")
    .refine((text) => text.trim().length > 0, "Write the customer's message; it is empty."),
  orderReference: z.string().trim().max(200, "Keep the order reference under 200 characters.").nullish(),
});
export type TicketRequest = z.infer<typeof ticketRequestSchema>;

/** The first problem in a request, as an error that names its field: the code says which, the message what to do. */
function invalidRequest(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || "body";
  if (issue?.code === "unrecognized_keys")
    return new AppError(
      `invalid:${issue.keys.join(",")}`,
      `Keel does not know ${issue.keys.join(", ")}. Send customerEmail, subject, body and optionally customerName and orderReference.`,
    );
  const message = issue?.code === "invalid_type" && issue.input === undefined ? `${field} is missing.` : issue?.message;
  return new AppError(`invalid:${field}`, `${field}: ${message ?? "this value is not valid."}`);
}

/** The request's JSON, or a 422 that says the body is not JSON. */
export function parseTicketRequest(bytes: Uint8Array): TicketRequest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError(
      "invalid:json",
      'The body is not JSON. Send Content-Type: application/json with {"customerEmail", "subject", "body"}.',
    );
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new AppError(
      "invalid:json",
      'The body must be a JSON object: {"customerEmail", "subject", "body", "orderReference"?, "customerName"?}.',
    );
  const parsed = ticketRequestSchema.safeParse(json);
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

/** What a typed-in request (the API's JSON, the browser's form) hands the intake. */
export function messageOf(request: TicketRequest) {
  return {
    customerEmail: request.customerEmail,
    customerName: request.customerName ?? null,
    subject: request.subject,
    body: request.body,
    orderReference: request.orderReference ?? null,
  };
}

/** A ticket sent through the REST API by `apiKey`; the idempotent answer the route replays for a retried request. */
export async function createTicketViaApi(
  request: TicketRequest,
  apiKey: Pick<ApiKey, "id" | "name" | "prefix">,
): Promise<IdempotentAnswer> {
  const result = await receiveTicketMessage({
    ...messageOf(request),
    source: "api",
    actor: { id: null, label: `api key ${apiKey.name} (${apiKey.prefix})` },
    apiKeyId: apiKey.id,
  });
  return {
    status: 201,
    body: { id: result.ticketId, status: "received" satisfies TicketStatus, url: `/api/v1/tickets/${result.ticketId}` },
    documentId: null,
  };
}
