import { transitionTicket } from "@/db/queries/tickets";
import { ticketAuditActions, ticketRunActor } from "@/domain/tickets/timeline";
import { reportInternalError } from "@/lib/internal-error";
import { announceTicket } from "@/services/realtime/announce";

/**
 * onFailure: the ticket is failed, with why on its timeline and its decision record. A NonRetriableError carries a
 * sentence Keel wrote for people; anything else that outlived its retries is logged and referred to.
 */
export async function markTicketFailedStep(
  ticketId: string,
  error: { name?: string; message?: string },
  runId: string | undefined,
  now: Date,
): Promise<void> {
  const message =
    error.name === "NonRetriableError"
      ? (error.message ?? "Unknown error")
      : reportInternalError(error, { ticketId, runId }).message;
  await transitionTicket(ticketId, "fail", { decisionSummary: `Failed: ${message}` }, now, [
    { actor: ticketRunActor, action: ticketAuditActions.failed, after: { message, runId: runId ?? null } },
  ]);
  await announceTicket(ticketId);
}
