import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ticketStatusLabels, type TicketStatus } from "@/domain/tickets/lifecycle";

const tones: Record<TicketStatus, BadgeTone> = {
  received: "neutral",
  classifying: "info",
  drafting: "info",
  awaiting_decision: "warning",
  sending: "info",
  resolved: "success",
  rejected: "neutral",
  escalated: "warning",
  expired: "neutral",
  failed: "danger",
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return <Badge tone={tones[status]}>{ticketStatusLabels[status]}</Badge>;
}

/** Statuses the run will still move on from by itself: pages showing them refresh. */
export const movingTicketStatuses: readonly TicketStatus[] = ["received", "classifying", "drafting", "sending"];
