import type { Actor } from "@/db/queries/audit";
import { writeIncomingMessage } from "@/db/queries/ticket-intake";
import type { NewOutboxEvent } from "@/db/schema";
import type { TicketSource } from "@/domain/tickets/classification";
import { maxThreadReferences, ticketBody } from "@/domain/tickets/message";
import { threadLookupIds, threadTicket, type ThreadHeaders } from "@/domain/tickets/threading";
import { storableText } from "@/domain/parse/storable-text";
import { logger } from "@/lib/logger";
import { withCorrelation } from "@/lib/telemetry/correlation";
import { withQueries } from "@/lib/telemetry/queries";
import { ticketReceived, ticketReceivedId } from "@/services/events/catalog";
import { relayEvent } from "@/services/events/relay";

export type ReceiveTicketMessageInput = {
  source: TicketSource;
  customerEmail: string;
  customerName?: string | null;
  subject: string;
  body: string;
  orderReference?: string | null;
  /** Message-ID, In-Reply-To and References bare, without angle brackets (`parseMessageIds`). */
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  actor: Actor;
  apiKeyId?: string | null;
};

export type ReceiveTicketMessageResult = {
  ticketId: string;
  messageId: string;
  /** A new ticket was made (and its run started). */
  created: boolean;
  /** The message joined an existing ticket as a reply. Neither is true for a delivery Keel already had. */
  threaded: boolean;
};

// A header line's length: a longer subject is not one a mail client shows, and the row stays bounded.
const maxSubjectChars = 998;

function storedSubject(subject: string): string {
  const text = storableText(subject).replace(/\s+/g, " ").trim();
  return text.slice(0, maxSubjectChars) || "(no subject)";
}

function startEvent(ticketId: string): NewOutboxEvent {
  const event = ticketReceived.create({ ticketId });
  return { name: event.name, data: event.data, eventId: ticketReceivedId(ticketId) };
}

/**
 * Takes one customer message from any intake (the API, the browser, email): finds or makes the customer, threads it
 * by Message-ID / In-Reply-To / References onto the customer's ticket it replies to, or makes a new ticket, with
 * the body bounded (`ticketBody`) and an audit entry, in one transaction. A new ticket's `keel/ticket.received` is
 * written to the event outbox in that transaction and sent after the commit; the relay sends it if that send fails.
 * The same delivery again (the same Message-ID) writes nothing and answers with the ticket it made.
 */
export async function receiveTicketMessage(input: ReceiveTicketMessageInput): Promise<ReceiveTicketMessageResult> {
  const headers: ThreadHeaders = {
    messageId: input.messageId ?? null,
    inReplyTo: input.inReplyTo ? [input.inReplyTo] : [],
    references: (input.references ?? []).slice(-maxThreadReferences),
  };
  const body = ticketBody(input.body);
  const subject = storedSubject(input.subject);
  const email = input.customerEmail.trim().toLowerCase();
  const result = await withQueries(
    "receive-ticket-message",
    () =>
      writeIncomingMessage({
        customer: { email, name: storableText(input.customerName ?? "").trim() },
        lookupIds: threadLookupIds(headers),
        decide: (customerId, known) => threadTicket(headers, customerId, known),
        ticket: {
          subject,
          orderReference: input.orderReference?.trim() || null,
          source: input.source,
          apiKeyId: input.apiKeyId ?? null,
          createdBy: input.actor.id,
          // The same email delivered twice at once is one ticket: the second insert meets the first's key.
          idempotencyKey: headers.messageId ? `message:${headers.messageId}` : null,
        },
        message: {
          direction: "in",
          messageId: headers.messageId,
          inReplyTo: input.inReplyTo ?? null,
          references: [...headers.references],
          from: email,
          subject,
          bodyText: body.text,
          bodyTruncated: body.truncated,
        },
        actor: input.actor,
        startEvent,
      }),
    (written) => ({ ticketId: written.ticketId }),
  );
  return withCorrelation({ ticketId: result.ticketId }, async () => {
    if (result.created) await sendStartEvent(result.ticketId);
    return result;
  });
}

/** Sends a committed start event now rather than at the relay's next pass; a failure only delays it. */
async function sendStartEvent(ticketId: string): Promise<void> {
  try {
    await relayEvent(ticketReceivedId(ticketId));
  } catch (error) {
    logger.error({ ticketId, err: error }, "could not send keel/ticket.received; the relay will");
  }
}
