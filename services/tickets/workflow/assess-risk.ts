import { recordTicketStage } from "@/db/queries/tickets";
import { assessTicketRisk, type TicketRiskFinding, type TicketRiskSettings } from "@/domain/tickets/risk";
import { templateDraftFinding, templateLanguages } from "@/domain/tickets/templates";
import { ticketAuditActions, ticketRunActor, type DraftLane } from "@/domain/tickets/timeline";
import { env } from "@/lib/env";
import { readRefundContext } from "@/services/tickets/refund-context";
import { customerMessage, requireTicket } from "./load";
import { announceTicket } from "@/services/realtime/announce";

export type AssessOutput = { needsPerson: boolean; findings: number };

/** The limits the rules weigh, as this deployment configures them (KEEL_TICKET_*). */
export function ticketRiskSettings(): TicketRiskSettings {
  const e = env();
  return {
    autoRefundLimitMinor: e.KEEL_TICKET_REFUND_LIMITS,
    repeatRefundDays: e.KEEL_TICKET_REPEAT_REFUND_DAYS,
    minConfidence: e.KEEL_TICKET_MIN_CONFIDENCE,
  };
}

/**
 * Step: the risk rules over the drafted resolution, written to the ticket as findings a person reads. A template
 * draft always goes to a person: nothing judged the customer's words.
 */
export async function assessTicketRiskStep(ticketId: string, lane: DraftLane, now: Date): Promise<AssessOutput> {
  const ticket = await requireTicket(ticketId);
  const settings = ticketRiskSettings();
  const [message, context] = await Promise.all([customerMessage(ticketId), readRefundContext(ticket, settings, now)]);
  const assessment = assessTicketRisk(
    {
      intent: ticket.intent ?? "other",
      confidence: ticket.classConfidence ?? 0,
      language: ticket.language ?? "en",
      templateLanguages,
      // A subject alone is not a message to answer: an empty body stays empty for the "empty-message" rule.
      text: message.bodyText.trim() === "" ? "" : `${ticket.subject}\n${message.bodyText}`,
      truncated: message.bodyTruncated,
      proposedRefund:
        ticket.refundProposedMinor !== null && ticket.refundCurrency !== null
          ? { minor: ticket.refundProposedMinor, currency: ticket.refundCurrency }
          : null,
      orderReference: context.orderReference,
      order: context.order,
      priorRefunds: context.priorRefunds,
      now,
    },
    settings,
  );
  const findings: TicketRiskFinding[] =
    lane === "deterministic" ? [...assessment.findings, { ...templateDraftFinding }] : assessment.findings;
  await recordTicketStage(
    ticketId,
    { findings },
    {
      actor: ticketRunActor,
      action: ticketAuditActions.assessed,
      after: { findings: findings.length, rules: findings.map((f) => f.rule) },
    },
  );
  await announceTicket(ticketId);
  return { needsPerson: findings.length > 0, findings: findings.length };
}
