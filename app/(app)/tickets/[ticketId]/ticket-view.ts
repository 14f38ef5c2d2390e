import { z } from "zod";
import { getDecisionRecord, type DecisionRecordData } from "@/db/queries/decision-record";
import { getTicketReplyEmail, getTicketTask, listTicketAudit, type TicketTaskView } from "@/db/queries/ticket-views";
import { getTicketWithMessages, sumOrderRefunds, type TicketDetail } from "@/db/queries/tickets";
import type { AuditEntry, OutboxEmail } from "@/db/schema";
import { readStored } from "@/domain/payloads/read";
import { ticketFindingsSchema } from "@/domain/payloads/tickets";
import type { TicketRiskFinding } from "@/domain/tickets/risk";

export type TicketView = TicketDetail & {
  task: TicketTaskView | undefined;
  record: DecisionRecordData | undefined;
  audit: AuditEntry[];
  replyEmail: OutboxEmail | undefined;
  /** What other tickets already refunded on the ticket's order, in the order's currency. */
  refundedElsewhereMinor: number;
  /** Null until the run has assessed the ticket. */
  findings: TicketRiskFinding[] | null;
};

/**
 * Everything the ticket page shows, read from Keel's tables alone — never the engine — so the page answers the same
 * with the engine stopped and its history pruned. Undefined for an id that is no ticket's, a malformed one included.
 */
export async function loadTicketView(ticketId: string): Promise<TicketView | undefined> {
  if (!z.uuid().safeParse(ticketId).success) return undefined;
  const detail = await getTicketWithMessages(ticketId);
  if (!detail) return undefined;
  const [task, audit, replyEmail, refundedElsewhereMinor] = await Promise.all([
    getTicketTask(ticketId),
    listTicketAudit(ticketId),
    getTicketReplyEmail(ticketId),
    detail.order ? sumOrderRefunds(detail.order.id, ticketId) : Promise.resolve(0),
  ]);
  const record = task && task.status !== "open" ? await getDecisionRecord(task.id) : undefined;
  const findings = detail.ticket.findings
    ? readStored(ticketFindingsSchema, detail.ticket.findings, `ticket ${ticketId} findings`)
    : null;
  return { ...detail, task, record, audit, replyEmail, refundedElsewhereMinor, findings };
}
