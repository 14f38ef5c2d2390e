import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { tickets } from "../schema";
import type { TicketRiskFinding } from "@/domain/tickets/risk";

/**
 * Records what a new ticket's message lacked on arrival, unless the run has already written its findings: those
 * include these and more, and must not be overwritten by the intake's shorter list.
 */
export async function noteArrivalFindings(
  ticketId: string,
  findings: TicketRiskFinding[],
  tx: Executor = db(),
): Promise<void> {
  if (findings.length === 0) return;
  await tx
    .update(tickets)
    .set({ findings, updatedAt: sql`now()` })
    .where(and(eq(tickets.id, ticketId), isNull(tickets.findings)));
}
