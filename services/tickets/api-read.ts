import type { ApiKey } from "@/db/schema";
import { readStored } from "@/domain/payloads/read";
import { ticketFindingsSchema } from "@/domain/payloads/tickets";
import { readTicket } from "./read";

/**
 * A ticket as `GET /api/v1/tickets/:id` shows it to `apiKey`: where it stands, its classification, customer, order,
 * conversation, draft, proposed refund, decision and refund, from Keel's tables alone, so it answers with the engine
 * stopped. A key sees the tickets sent through it, or every ticket with the read_all scope; another key's ticket is
 * "not found", like a missing one, because its existence is not this key's business.
 */
export async function readTicketForApiKey(apiKey: Pick<ApiKey, "id" | "scope">, ticketId: string) {
  const { ticket, customer, order, messages, refund } = await readTicket(ticketId);
  if (apiKey.scope !== "read_all" && ticket.apiKeyId !== apiKey.id) return undefined;
  return {
    id: ticket.id,
    status: ticket.status,
    source: ticket.source,
    subject: ticket.subject,
    intent: ticket.intent,
    priority: ticket.priority,
    language: ticket.language,
    confidence: ticket.classConfidence,
    customer: { id: customer.id, email: customer.email, name: customer.name },
    orderReference: ticket.orderReference,
    order: order && {
      reference: order.reference,
      currency: order.currency,
      totalMinor: order.totalMinor,
      status: order.status,
      paidAt: order.paidAt,
    },
    messages: messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      from: m.from,
      subject: m.subject,
      body: m.bodyText,
      bodyTruncated: m.bodyTruncated,
      messageId: m.messageId,
      inReplyTo: m.inReplyTo,
      receivedAt: m.receivedAt,
    })),
    draft: ticket.draftReply,
    proposedRefund:
      ticket.refundProposedMinor === null || ticket.refundCurrency === null
        ? null
        : { amountMinor: ticket.refundProposedMinor, currency: ticket.refundCurrency },
    findings: readStored(ticketFindingsSchema, ticket.findings ?? [], `ticket ${ticket.id} findings`),
    decision:
      ticket.decisionSummary === null && ticket.terminalAt === null
        ? null
        : { summary: ticket.decisionSummary, closedAt: ticket.terminalAt },
    refund: refund && {
      amountMinor: refund.amountMinor,
      currency: refund.currency,
      status: refund.status,
      issuedAt: refund.createdAt,
      attempts: refund.attempts.length,
    },
    receivedAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
  };
}
