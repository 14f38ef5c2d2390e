import { formatMoney, isCurrencyCode } from "../money";
import { ticketAuditActions as intakeActions } from "../timeline";
import { ticketIntentLabels, type TicketIntent } from "./classification";

/**
 * Every audit action about a ticket and the sentence its timeline shows, in one place: the run, the decision
 * service and the intake write these actions with facts in `after`, and the ticket page reads them back through
 * `ticketTimelineLabel`. Actions already written stay as they are, so a change here is a change to history.
 */

export const ticketAuditActions = {
  ...intakeActions,
  classified: "ticket.classified",
  lookedUp: "ticket.looked_up",
  drafted: "ticket.drafted",
  modelFallback: "ticket.model_fallback",
  assessed: "ticket.assessed",
  taskOpened: "ticket.task_opened",
  autoSent: "ticket.auto_sent",
  approved: "ticket.approved",
  edited: "ticket.edited",
  rejected: "ticket.rejected",
  escalated: "ticket.escalated",
  expired: "ticket.expired",
  refunded: "ticket.refunded",
  replyQueued: "ticket.reply_queued",
  resolved: "ticket.resolved",
  failed: "ticket.failed",
} as const;
export type TicketAuditAction = (typeof ticketAuditActions)[keyof typeof ticketAuditActions];

/** The actor label of the ticket run's own entries. */
export const ticketRunActor = { id: null, label: "ticket run" } as const;

/** The lanes a draft can come from: a model lane, or the templates. */
export type DraftLane = "primary" | "fallback" | "deterministic";
const laneLabels: Record<DraftLane, string> = {
  primary: "the primary model",
  fallback: "the fallback model",
  deterministic: "templates (no model)",
};

const laneLabel = (lane: unknown) =>
  typeof lane === "string" && lane in laneLabels ? laneLabels[lane as DraftLane] : laneLabels.deterministic;

/** An audit entry as the timeline reads it. */
export type TicketTimelineEntry = { action: string; actorLabel: string; after: Record<string, unknown> | null };

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const count = (value: unknown): number => (typeof value === "number" ? value : 0);

function amount(after: Record<string, unknown>): string | null {
  const minor = after.amountMinor ?? after.refundMinor;
  const currency = text(after.currency);
  if (typeof minor !== "number" || !currency || !isCurrencyCode(currency)) return null;
  return formatMoney({ minor, currency });
}

function intentLabel(value: unknown): string {
  return typeof value === "string" && value in ticketIntentLabels
    ? ticketIntentLabels[value as TicketIntent].toLowerCase()
    : "other";
}

const refundPart = (after: Record<string, unknown>) => {
  const money = amount(after);
  return money ? `, refund ${money}` : ", no refund";
};

const labels: Record<string, (after: Record<string, unknown>, actor: string) => string> = {
  [ticketAuditActions.received]: () => "Ticket received",
  [ticketAuditActions.messageReceived]: () => "The customer replied",
  [ticketAuditActions.classified]: (a) =>
    `Classified as ${intentLabel(a.intent)}, ${text(a.priority) ?? "normal"} priority, language ${text(a.language) ?? "?"} (${String(Math.round(count(a.confidence) * 100))} % confident)`,
  [ticketAuditActions.lookedUp]: (a) =>
    text(a.orderReference)
      ? a.orderFound
        ? `Order ${String(a.orderReference)} found`
        : `No order ${String(a.orderReference)} on file for this customer`
      : "The ticket names no order",
  [ticketAuditActions.drafted]: (a) => `Reply drafted by ${laneLabel(a.lane)}${refundPart(a)}`,
  [ticketAuditActions.modelFallback]: (a) =>
    `The ${text(a.lane) ?? "model"} lane gave way (${text(a.reason) ?? "no reason given"})`,
  [ticketAuditActions.assessed]: (a) =>
    count(a.findings) === 0
      ? "Checked: nothing needs a person"
      : `Checked: ${String(count(a.findings))} finding${count(a.findings) === 1 ? "" : "s"} for a person`,
  [ticketAuditActions.taskOpened]: () => "Sent to a person for a decision",
  [ticketAuditActions.autoSent]: () => "Low risk and no money: the reply goes out without a person",
  [ticketAuditActions.approved]: (a, actor) => `Approved by ${actor}${refundPart(a)}`,
  [ticketAuditActions.edited]: (a, actor) => `Edited and approved by ${actor}${refundPart(a)}`,
  [ticketAuditActions.rejected]: (a, actor) => `Rejected by ${actor}: ${text(a.reason) ?? "no reason given"}`,
  [ticketAuditActions.escalated]: (a, actor) => `Escalated by ${actor}: ${text(a.reason) ?? "no reason given"}`,
  [ticketAuditActions.expired]: () => "No decision before the deadline; nothing was refunded or sent",
  [ticketAuditActions.refunded]: (a) =>
    a.applied === false ? "Refund already issued; not issued again" : `Refunded ${amount(a) ?? "the decided amount"}`,
  [ticketAuditActions.replyQueued]: (a) => `Reply queued to ${text(a.to) ?? "the customer"}`,
  [ticketAuditActions.resolved]: () => "Resolved",
  [ticketAuditActions.failed]: (a) => `Failed: ${text(a.message) ?? "unknown error"}`,
};

/** The sentence a ticket's timeline shows for one audit entry; an action this version does not know is named. */
export function ticketTimelineLabel(entry: TicketTimelineEntry): string {
  const label = labels[entry.action];
  return label ? label(entry.after ?? {}, entry.actorLabel) : entry.action;
}
