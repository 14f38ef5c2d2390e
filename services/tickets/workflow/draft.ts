import { getTicketWithMessages, sumOrderRefunds, transitionTicket, type TicketAudit } from "@/db/queries/tickets";
import type { Ticket } from "@/db/schema";
import { readRefundAsk } from "@/domain/tickets/classify";
import { templateReply } from "@/domain/tickets/templates";
import { ticketAuditActions, ticketRunActor, type DraftLane } from "@/domain/tickets/timeline";
import { customerMessage } from "./load";
import { NonRetriableError } from "inngest";
import { announceTicket } from "@/services/realtime/announce";

/** What the model call said: the lane whose draft is stored, and the lanes that gave way before it. */
export type DraftLaneResult = { lane: DraftLane; gaveWay: readonly { lane: string; reason: string }[] };

export type DraftOutput = { lane: DraftLane; refundMinor: number | null; currency: string | null };

type Draft = Pick<Ticket, "draftReply" | "refundProposedMinor" | "refundCurrency">;

/** The template draft: the reply for the classified intent and the refund the customer clearly asked for, if any. */
async function templateDraft(ticketId: string): Promise<Draft> {
  const detail = await getTicketWithMessages(ticketId);
  if (!detail) throw new NonRetriableError(`Ticket ${ticketId} does not exist.`);
  const { ticket, customer, order } = detail;
  const intent = ticket.intent ?? "other";
  const message = await customerMessage(ticketId);
  const refund =
    intent === "refund_request"
      ? readRefundAsk(
          `${ticket.subject}\n${message.bodyText}`,
          order
            ? {
                totalMinor: order.totalMinor,
                currency: order.currency,
                refundedMinor: await sumOrderRefunds(order.id, ticketId),
              }
            : null,
        )
      : null;
  const { reply } = templateReply(intent, ticket.language ?? "en", {
    customerName: customer.name || null,
    orderReference: order?.reference ?? ticket.orderReference,
    refund,
  });
  return { draftReply: reply, refundProposedMinor: refund?.minor ?? null, refundCurrency: refund?.currency ?? null };
}

/**
 * Step: the ticket's draft. A model lane that answered stored its draft on the ticket already (its handler), so this
 * only takes it; the deterministic path drafts from the templates here. Either way the ticket moves to drafting
 * with the lane, and the lanes that gave way on the way, on its timeline.
 */
export async function draftTicketStep(ticketId: string, call: DraftLaneResult, now: Date): Promise<DraftOutput> {
  const stored = await getTicketWithMessages(ticketId);
  if (!stored) throw new NonRetriableError(`Ticket ${ticketId} does not exist.`);
  const fromModel = call.lane !== "deterministic" && stored.ticket.draftReply !== null;
  const lane: DraftLane = fromModel ? call.lane : "deterministic";
  const draft: Draft = fromModel ? stored.ticket : await templateDraft(ticketId);
  const audit: TicketAudit[] = [
    ...call.gaveWay.map((gave) => ({
      actor: ticketRunActor,
      action: ticketAuditActions.modelFallback,
      after: { lane: gave.lane, reason: gave.reason },
    })),
    {
      actor: ticketRunActor,
      action: ticketAuditActions.drafted,
      after: { lane, amountMinor: draft.refundProposedMinor, currency: draft.refundCurrency },
    },
  ];
  const columns = fromModel
    ? {}
    : {
        draftReply: draft.draftReply,
        refundProposedMinor: draft.refundProposedMinor,
        refundCurrency: draft.refundCurrency,
      };
  const moved = await transitionTicket(ticketId, "draft", columns, now, audit);
  const ticket = moved.ok ? moved.ticket : stored.ticket;
  await announceTicket(ticketId);
  return { lane, refundMinor: ticket.refundProposedMinor, currency: ticket.refundCurrency };
}
