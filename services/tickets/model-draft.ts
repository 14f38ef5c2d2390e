import { MODEL_ATTEMPTS, modelLanes, type ModelLaneName } from "@/ai/providers";
import { ProviderError } from "@/ai/errors";
import { draftTicketReply } from "@/ai/ticket-draft";
import { getTicketWithMessages, storeModelDraft, sumOrderRefunds } from "@/db/queries/tickets";
import { env } from "@/lib/env";
import { modelCallRecorder } from "@/services/documents/extract-fields";
import type { LaneOutcome } from "@/services/models/requests";
import { customerMessage } from "./workflow/load";

/**
 * The model lanes' handler for tickets: one lane's model classifies the customer's message and drafts the reply and
 * the refund, stored on the ticket for the `draft` step, with the fallback lane's confidence lowered so a person is
 * likelier to look. Calls are recorded in model_calls without a document. A draft already stored answers ok at once,
 * so a replayed lane pays nothing; a failure the model's retries could not mend answers not ok, and the run tries
 * the next lane.
 */
export async function draftTicketWithModel(lane: ModelLaneName, request: { ticketId: string }): Promise<LaneOutcome> {
  const lanes = modelLanes(env());
  const detail = await getTicketWithMessages(request.ticketId);
  if (!detail)
    return { ok: false, lane, reason: `Ticket ${request.ticketId} does not exist.`, failureClass: "permanent" };
  if (!lanes)
    return {
      ok: false,
      lane,
      reason: "No model is configured (ANTHROPIC_API_KEY is unset).",
      failureClass: "unconfigured",
    };
  const { ticket, customer, order } = detail;
  const model = lanes[lane];
  if (ticket.draftReply !== null) return { ok: true, lane, provider: model.provider, model: model.model };
  const message = await customerMessage(ticket.id);
  const e = env();
  try {
    const draft = await draftTicketReply({
      apiKey: e.ANTHROPIC_API_KEY ?? "",
      baseURL: e.ANTHROPIC_BASE_URL,
      model: model.model,
      timeoutMs: e.KEEL_MODEL_TIMEOUT_MS,
      effort: e.KEEL_MODEL_EFFORT,
      maxAttempts: MODEL_ATTEMPTS,
      facts: {
        subject: ticket.subject,
        body: message.bodyText,
        customerName: customer.name || null,
        order: order && {
          reference: order.reference,
          currency: order.currency,
          totalMinor: order.totalMinor,
          refundedMinor: await sumOrderRefunds(order.id, ticket.id),
          status: order.status,
        },
      },
      onCall: modelCallRecorder(null),
    });
    // A refund is only proposed against an order, in its currency: the model never picks the currency.
    const refund = order && draft.refundMinor !== null && draft.refundMinor > 0 ? draft.refundMinor : null;
    const stored = await storeModelDraft(ticket.id, {
      intent: draft.intent,
      priority: draft.priority,
      language: draft.language,
      classConfidence: Math.round(draft.confidence * model.confidenceFactor * 1000) / 1000,
      draftReply: draft.reply,
      refundProposedMinor: refund,
      refundCurrency: refund === null ? null : (order?.currency ?? null),
    });
    if (!stored)
      return { ok: false, lane, reason: "The run went on without this lane's draft.", failureClass: "superseded" };
    return { ok: true, lane, provider: model.provider, model: model.model };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ok: false, lane, reason: error.message, failureClass: error.failureClass };
  }
}
