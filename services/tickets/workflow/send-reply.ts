import { NonRetriableError } from "inngest";
import { getTicketWithMessages, queueTicketReply } from "@/db/queries/tickets";
import { maxThreadReferences } from "@/domain/tickets/message";
import { ticketAuditActions, ticketRunActor } from "@/domain/tickets/timeline";
import { env } from "@/lib/env";
import { messageIdFor } from "@/services/mail/deliver";
import { nudgeMailer } from "@/services/mail/nudge";
import { announceTicket } from "@/services/realtime/announce";

export type ReplyOutput = { queued: boolean; outboxKey: string };

export const ticketReplyKey = (ticketId: string) => `ticket-reply:${ticketId}`;

const replySubject = (subject: string) => (/^re:/i.test(subject.trim()) ? subject : `Re: ${subject}`);
const bare = (messageId: string) => messageId.replace(/^<|>$/g, "");

/**
 * Step: the reply as decided, once. It is queued in the outbox under the ticket's key, threaded to the customer's
 * last message (In-Reply-To, References) so their mail client shows it in the conversation, recorded as the
 * ticket's outgoing message under the Message-ID delivery will use (so their answer threads back to this ticket),
 * and the ticket is resolved — all in one transaction, so a step run twice queues one email.
 */
export async function sendTicketReplyStep(ticketId: string, now: Date): Promise<ReplyOutput> {
  const detail = await getTicketWithMessages(ticketId);
  if (!detail) throw new NonRetriableError(`Ticket ${ticketId} does not exist.`);
  const { ticket, customer, messages } = detail;
  const outboxKey = ticketReplyKey(ticketId);
  const body = ticket.draftReply?.trim();
  if (!body) throw new NonRetriableError(`Ticket ${ticketId} has no reply to send; write one on its task.`);
  const last = messages.filter((m) => m.direction === "in").at(-1);
  const inReplyTo = last?.messageId ?? null;
  const references = [...(last?.references ?? []), ...(inReplyTo ? [inReplyTo] : [])].slice(-maxThreadReferences);
  const subject = replySubject(last?.subject ?? ticket.subject);
  const from = env().KEEL_MAIL_FROM;
  const result = await queueTicketReply({
    ticketId,
    outboxKey,
    email: { to: customer.email, subject, body, inReplyTo, references },
    message: {
      direction: "out",
      messageId: bare(messageIdFor(outboxKey, from)),
      inReplyTo,
      references,
      from,
      to: customer.email,
      subject,
      bodyText: body,
      bodyTruncated: false,
    },
    audit: [
      { actor: ticketRunActor, action: ticketAuditActions.replyQueued, after: { to: customer.email, outboxKey } },
      { actor: ticketRunActor, action: ticketAuditActions.resolved },
    ],
    now,
  });
  if ("ok" in result)
    throw new NonRetriableError(result.reason === "not_found" ? `Ticket ${ticketId} does not exist.` : result.message);
  await nudgeMailer();
  await announceTicket(ticketId);
  return { queued: result.queued, outboxKey };
}
