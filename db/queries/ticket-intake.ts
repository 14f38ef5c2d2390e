import { eq } from "drizzle-orm";
import { db } from "../index";
import { ticketMessages, tickets, type NewOutboxEvent, type NewTicket } from "../schema";
import type { KnownMessage, ThreadDecision } from "@/domain/tickets/threading";
import { ticketAuditActions } from "@/domain/timeline";
import { recordAudit, type Actor } from "./audit";
import { findOrCreateCustomer } from "./customers";
import { queueEvent } from "./event-outbox";
import { findTicketsByMessageIds, type TicketMessageInput } from "./tickets";

export type IntakeWrite = {
  customer: { email: string; name: string };
  /** The ids to look up for threading, and the rule that decides with what was found (`threadTicket`). */
  lookupIds: readonly string[];
  decide: (customerId: string, known: readonly KnownMessage[]) => ThreadDecision;
  ticket: Pick<NewTicket, "subject" | "orderReference" | "source" | "apiKeyId" | "createdBy" | "idempotencyKey">;
  message: TicketMessageInput;
  actor: Actor;
  /** The event that starts a new ticket's run, written with it and sent after the commit. */
  startEvent: (ticketId: string) => NewOutboxEvent;
};

export type IntakeResult = { ticketId: string; messageId: string; created: boolean; threaded: boolean };

/**
 * One incoming message, in one transaction: its customer (made on first contact), the thread decision over the
 * messages Keel holds, then either the message on the ticket it replies to or a new ticket with it as the first
 * message, the audit entry, and for a new ticket its start event in the outbox. A delivery seen before — the same
 * Message-ID, or the same idempotency key — writes nothing and answers with what the first made.
 */
export async function writeIncomingMessage(input: IntakeWrite): Promise<IntakeResult> {
  return db().transaction(async (tx) => {
    const customer = await findOrCreateCustomer(input.customer, tx);
    const decision = input.decide(customer.id, await findTicketsByMessageIds(input.lookupIds, tx));
    const seen = async (ticketId: string): Promise<IntakeResult> => {
      const [first] = await tx
        .select({ id: ticketMessages.id })
        .from(ticketMessages)
        .where(
          input.message.messageId
            ? eq(ticketMessages.messageId, input.message.messageId)
            : eq(ticketMessages.ticketId, ticketId),
        )
        .orderBy(ticketMessages.receivedAt)
        .limit(1);
      if (!first) throw new Error(`ticket ${ticketId} has no message for a repeated delivery to point at`);
      return { ticketId, messageId: first.id, created: false, threaded: false };
    };
    if (decision.kind === "duplicate") return seen(decision.ticketId);

    if (decision.kind === "reply") {
      const [message] = await tx
        .insert(ticketMessages)
        .values({ ...input.message, ticketId: decision.ticketId })
        .onConflictDoNothing({ target: ticketMessages.messageId })
        .returning({ id: ticketMessages.id });
      // Another delivery of the same reply committed first.
      if (!message) return seen(decision.ticketId);
      await tx.update(tickets).set({ updatedAt: new Date() }).where(eq(tickets.id, decision.ticketId));
      await recordAudit(
        {
          actor: input.actor,
          action: ticketAuditActions.messageReceived,
          subjectType: "ticket",
          subjectId: decision.ticketId,
          correlationId: decision.ticketId,
          after: { messageId: message.id, source: input.ticket.source, inReplyTo: decision.parentId },
        },
        tx,
      );
      return { ticketId: decision.ticketId, messageId: message.id, created: false, threaded: true };
    }

    const [ticket] = await tx
      .insert(tickets)
      .values({ ...input.ticket, customerId: customer.id })
      .onConflictDoNothing({ target: tickets.idempotencyKey })
      .returning({ id: tickets.id });
    if (!ticket) {
      const [existing] = await tx
        .select({ id: tickets.id })
        .from(tickets)
        .where(eq(tickets.idempotencyKey, input.ticket.idempotencyKey ?? ""))
        .limit(1);
      if (!existing) throw new Error("a ticket insert conflicted on a key no ticket holds");
      return seen(existing.id);
    }
    const [message] = await tx
      .insert(ticketMessages)
      .values({ ...input.message, ticketId: ticket.id })
      .returning({ id: ticketMessages.id });
    if (!message) throw new Error(`the first message of ticket ${ticket.id} was not written`);
    await recordAudit(
      {
        actor: input.actor,
        action: ticketAuditActions.received,
        subjectType: "ticket",
        subjectId: ticket.id,
        correlationId: ticket.id,
        after: {
          source: input.ticket.source,
          customerId: customer.id,
          subject: input.ticket.subject,
          orderReference: input.ticket.orderReference ?? null,
          bodyTruncated: input.message.bodyTruncated ?? false,
          ...(decision.reason === "other_customer" ? { threading: "reply to another customer's ticket" } : {}),
        },
      },
      tx,
    );
    await queueEvent(input.startEvent(ticket.id), tx);
    return { ticketId: ticket.id, messageId: message.id, created: true, threaded: false };
  });
}
