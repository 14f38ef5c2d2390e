/**
 * A ticket's life as one pure transition function, so the workflow, the decision service and the read model agree
 * on what may follow what. The run moves a ticket forward (received → classifying → drafting), then either sends on
 * its own (no money, low risk) or waits for a person; a person's decision, the deadline or a failure closes it.
 *
 * `terminalAt` is the moment the ticket stopped taking decisions. It is set by the first closing event — an
 * approval (before the refund and the reply, so a second approval finds the door shut), a rejection, an
 * escalation, the deadline, a failure, or the run's own decision to send — and never moves afterwards.
 */

export const ticketStatuses = [
  "received",
  "classifying",
  "drafting",
  "awaiting_decision",
  "sending",
  "resolved",
  "rejected",
  "escalated",
  "expired",
  "failed",
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketStatusLabels: Record<TicketStatus, string> = {
  received: "Received",
  classifying: "Classifying",
  drafting: "Drafting",
  awaiting_decision: "Awaiting decision",
  sending: "Sending",
  resolved: "Resolved",
  rejected: "Rejected",
  escalated: "Escalated",
  expired: "Expired",
  failed: "Failed",
};

/** Statuses nothing follows: the run has finished with the ticket. */
export const finalTicketStatuses = ["resolved", "rejected", "escalated", "expired", "failed"] as const;
export type FinalTicketStatus = (typeof finalTicketStatuses)[number];

export function isFinalTicketStatus(status: TicketStatus): status is FinalTicketStatus {
  return (finalTicketStatuses as readonly string[]).includes(status);
}

/**
 * What may happen to a ticket. The run's own progress (`classify` … `sent`, `fail`) may be repeated by a step that
 * runs again after a crash and then changes nothing; a person's decision and the deadline happen once.
 */
export const ticketEvents = [
  "classify",
  "draft",
  "request_decision",
  "auto_send",
  "approve",
  "reject",
  "escalate",
  "expire",
  "sent",
  "fail",
] as const;
export type TicketEvent = (typeof ticketEvents)[number];

const decisions = new Set<TicketEvent>(["approve", "reject", "escalate", "expire"]);

/** Where each event may start from and where it leads. `fail` starts from any status that is not final. */
const moves: Record<Exclude<TicketEvent, "fail">, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  classify: { from: ["received"], to: "classifying" },
  draft: { from: ["classifying"], to: "drafting" },
  request_decision: { from: ["drafting"], to: "awaiting_decision" },
  auto_send: { from: ["drafting"], to: "sending" },
  approve: { from: ["awaiting_decision"], to: "sending" },
  reject: { from: ["awaiting_decision"], to: "rejected" },
  escalate: { from: ["awaiting_decision"], to: "escalated" },
  expire: { from: ["awaiting_decision"], to: "expired" },
  sent: { from: ["sending"], to: "resolved" },
};

/** The ticket as its row reads under the lock. */
export type LockedTicket = { status: TicketStatus; terminalAt: Date | null };

/**
 * A transition that may happen. `changed` is false when the ticket is already where the event leads (a step that ran
 * again); `stale` when it has moved past it (a step retried after a person decided): then the stage's outcome is
 * old news and must not be written over what came after.
 */
export type TicketChange = {
  ok: true;
  set: { status: TicketStatus; terminalAt?: Date };
  changed: boolean;
  stale: boolean;
};

/**
 * Why a transition is refused. `expired`: the ticket no longer takes decisions (its deadline passed, it was
 * escalated, or it failed); `already_decided`: someone decided first; `out_of_order`: the event cannot follow the
 * ticket's status (a bug in the caller, never a person's mistake).
 */
export type TicketRefusal = { ok: false; reason: "expired" | "already_decided" | "out_of_order"; message: string };

function refuseDecision(ticket: LockedTicket): TicketRefusal {
  if (ticket.status === "sending" || ticket.status === "resolved" || ticket.status === "rejected")
    return {
      ok: false,
      reason: "already_decided",
      message: `This ticket was already decided (${ticketStatusLabels[ticket.status].toLowerCase()}); nothing was changed.`,
    };
  if (ticket.terminalAt !== null || isFinalTicketStatus(ticket.status))
    return {
      ok: false,
      reason: "expired",
      message: `This ticket no longer takes decisions (${ticketStatusLabels[ticket.status].toLowerCase()}); nothing was refunded or sent.`,
    };
  return {
    ok: false,
    reason: "out_of_order",
    message: `This ticket is ${ticketStatusLabels[ticket.status].toLowerCase()}, not awaiting a decision yet.`,
  };
}

/** The run's forward path; every final status lies past all of it. */
const forward: readonly TicketStatus[] = [
  "received",
  "classifying",
  "drafting",
  "awaiting_decision",
  "sending",
  "resolved",
];
const rank = (status: TicketStatus) => (isFinalTicketStatus(status) ? forward.length : forward.indexOf(status));

const closes = (to: TicketStatus) => to !== "resolved" && (isFinalTicketStatus(to) || to === "sending");

/** The change `event` makes to `ticket` at `now`, or why it may not happen. */
export function ticketTransition(ticket: LockedTicket, event: TicketEvent, now: Date): TicketChange | TicketRefusal {
  if (event === "fail") {
    if (ticket.status === "failed") return { ok: true, set: { status: "failed" }, changed: false, stale: false };
    if (isFinalTicketStatus(ticket.status)) return refuseOutOfOrder(ticket, event);
    const stamp = ticket.terminalAt ? {} : { terminalAt: now };
    return { ok: true, set: { status: "failed", ...stamp }, changed: true, stale: false };
  }
  const move = moves[event];
  if (decisions.has(event)) {
    if (!move.from.includes(ticket.status) || ticket.terminalAt !== null) return refuseDecision(ticket);
  } else if (ticket.status === move.to) {
    return { ok: true, set: { status: move.to }, changed: false, stale: false };
  } else if (!move.from.includes(ticket.status)) {
    if (rank(ticket.status) > rank(move.to))
      return { ok: true, set: { status: ticket.status }, changed: false, stale: true };
    return refuseOutOfOrder(ticket, event);
  }
  const stamp = closes(move.to) && ticket.terminalAt === null ? { terminalAt: now } : {};
  return { ok: true, set: { status: move.to, ...stamp }, changed: true, stale: false };
}

function refuseOutOfOrder(ticket: LockedTicket, event: TicketEvent): TicketRefusal {
  return {
    ok: false,
    reason: "out_of_order",
    message: `A ticket that is ${ticketStatusLabels[ticket.status].toLowerCase()} cannot take "${event}".`,
  };
}
