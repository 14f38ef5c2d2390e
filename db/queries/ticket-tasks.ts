import { and, eq, ne } from "drizzle-orm";
import { db, type Executor } from "../index";
import { taskApprovals, tasks, tickets, type NewOutboxEvent, type NewTask, type Task, type Ticket } from "../schema";
import * as lifecycle from "@/domain/tasks/lifecycle";
import type { ClosedReason, TaskActor } from "@/domain/tasks/lifecycle";
import { changesDraft, decidedDraft, type TicketDecision, type TicketDraft } from "@/domain/tickets/decision";
import { ticketTransition, type TicketRefusal } from "@/domain/tickets/lifecycle";
import { recordAudit, type Actor } from "./audit";
import { queueEvent } from "./event-outbox";
import { applyTaskChange, listTaskApprovers, lockTask } from "./tasks";

/** An audit entry about a ticket, written with subject and correlation set to the ticket. */
export type TicketTaskAudit = { actor: Actor; action: string; after: Record<string, unknown> };

async function auditTicket(ticketId: string, entry: TicketTaskAudit, tx: Executor): Promise<void> {
  await recordAudit({ ...entry, subjectType: "ticket", subjectId: ticketId, correlationId: ticketId }, tx);
}

async function lockTicket(id: string, tx: Executor): Promise<Ticket | undefined> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update");
  return row;
}

/** The ticket's draft as it stands: what an approval sends and refunds. */
export function draftOf(ticket: Pick<Ticket, "draftReply" | "refundProposedMinor" | "refundCurrency">): TicketDraft {
  return { reply: ticket.draftReply ?? "", refundMinor: ticket.refundProposedMinor, currency: ticket.refundCurrency };
}

export type NewTicketTask = Omit<NewTask, "id" | "status" | "createdAt" | "documentId" | "ticketId"> & {
  ticketId: string;
};

/**
 * Opens the task a ticket's run waits on and moves the ticket to awaiting a decision, in one transaction; a repeated
 * step finds the task it made and changes nothing. A ticket that may not await a decision (it failed meanwhile) is
 * refused and nothing is written.
 */
export async function openTaskForTicket(
  input: NewTicketTask,
  now: Date,
  audit: (task: Task) => TicketTaskAudit,
): Promise<{ ok: true; task: Task; created: boolean } | TicketRefusal | { ok: false; reason: "not_found" }> {
  return db().transaction(async (tx) => {
    // The ticket's lock first: nobody can decide a task that is not committed yet, so this order cannot deadlock
    // with a decision, which locks the task and then the ticket.
    const ticket = await lockTicket(input.ticketId, tx);
    if (!ticket) return { ok: false, reason: "not_found" } as const;
    const move = ticketTransition(ticket, "request_decision", now);
    if (!move.ok) return move;
    const [created] = await tx.insert(tasks).values(input).onConflictDoNothing().returning();
    const task =
      created ??
      (
        await tx
          .select()
          .from(tasks)
          .where(and(eq(tasks.ticketId, input.ticketId), eq(tasks.type, input.type)))
      )[0];
    if (!task) throw new Error("ticket task vanished between insert and select");
    if (created) await applyTaskChange(created, lifecycle.opening(created), tx);
    if (move.changed) {
      await tx
        .update(tickets)
        .set({ ...move.set, updatedAt: now })
        .where(eq(tickets.id, ticket.id));
      await auditTicket(ticket.id, audit(task), tx);
    }
    return { ok: true, task, created: Boolean(created) } as const;
  });
}

export type TicketDecisionWrite = {
  taskId: string;
  actor: TaskActor;
  decision: TicketDecision;
  /** The draft the decision was judged on; a ticket whose draft changed since is refused as stale. */
  judged: TicketDraft;
  /** The order's currency: a refund added to a draft that had none is in it. */
  orderCurrency: string | null;
  /** How many distinct people approve (`ticketApprovalsRequired` on the refund as decided). */
  required: number;
  now: Date;
  summary: (decided: TicketDraft, approvers: string[]) => string;
  audit: (decided: TicketDraft, approvers: string[]) => TicketTaskAudit;
  wake: NewOutboxEvent;
};

export type TicketDecisionResult =
  | { ok: true; resolved: true; task: Task; decided: TicketDraft }
  | { ok: true; resolved: false; approvals: number; required: number; task: Task }
  | { ok: false; reason: "ticket"; message: string }
  | { ok: false; reason: "not_found" | "stale" | "already_approved_by_you" }
  | { ok: false; reason: ClosedReason; task: Task };

/**
 * One decision on a ticket's task, in one transaction: the task row locked first, the ticket's second (the order
 * the deadline's expiry locks them in). The ticket's transition is asked first, so a decision after the deadline or
 * an escalation is refused with the ticket's own words and changes nothing. An approval closes the ticket to every
 * later decision (status "sending", terminalAt) before any refund or reply, and writes the reply and refund as
 * decided to the ticket, where the run reads them. Under four eyes the first approval is recorded and the second
 * resolves; an edit voids the approvals given to the draft it replaced.
 */
export async function decideTicketTaskRecord(input: TicketDecisionWrite): Promise<TicketDecisionResult> {
  return db().transaction(async (tx) => {
    const task = await lockTask(input.taskId, tx);
    if (!task?.ticketId) return { ok: false, reason: "not_found" } as const;
    const ticket = await lockTicket(task.ticketId, tx);
    if (!ticket) return { ok: false, reason: "not_found" } as const;
    const { decision, actor, now } = input;
    const event = decision.action === "edit_and_approve" ? "approve" : decision.action;
    const move = ticketTransition(ticket, event, now);
    if (!move.ok) return { ok: false, reason: "ticket", message: move.message } as const;
    if (task.status !== "open") return { ok: false, reason: lifecycle.closedReason(task.status), task } as const;
    const current = draftOf(ticket);
    if (changesDraft(current, input.judged)) return { ok: false, reason: "stale" } as const;
    const decided = decidedDraft(decision, current, input.orderCurrency);
    const parameters = { ...decided, ...("reason" in decision ? { reason: decision.reason } : {}) };

    if (decision.action === "reject" || decision.action === "escalate") {
      const change = lifecycle.resolution(task, { actor, action: decision.action, parameters }, now);
      if (!change.ok) return { ok: false, reason: change.reason, task } as const;
      const resolved = await applyTaskChange(task, change, tx);
      await closeTicket(ticket.id, move.set, input.summary(decided, [actor.id]), {}, tx);
      await auditTicket(ticket.id, input.audit(decided, [actor.id]), tx);
      await queueEvent(input.wake, tx);
      return { ok: true, resolved: true, task: resolved, decided } as const;
    }

    const edited = changesDraft(decided, current);
    if (edited) {
      // The approvals given so far approved the old draft; the editor's own approval comes with the edit.
      await tx.delete(taskApprovals).where(and(eq(taskApprovals.taskId, task.id), ne(taskApprovals.userId, actor.id)));
      await tx
        .update(tickets)
        .set({ ...draftColumns(decided), updatedAt: now })
        .where(eq(tickets.id, ticket.id));
      await tx
        .update(tasks)
        .set({ amountMinor: decided.refundMinor, currency: decided.currency })
        .where(eq(tasks.id, task.id));
    }
    const approvedBy = await listTaskApprovers(task.id, tx);
    const change = lifecycle.approval(
      task,
      {
        actor,
        required: input.required,
        seenExtractionId: null,
        record: { action: decision.action, parameters, decided: null },
      },
      { latest: null, approvedBy },
      now,
    );
    if (!change.ok) {
      if (change.reason === "stale") return { ok: false, reason: "stale" } as const;
      if (change.reason !== "already_approved_by_you") return { ok: false, reason: change.reason, task } as const;
      if (!edited) return { ok: false, reason: "already_approved_by_you" } as const;
      // An approver who edits again keeps their approval on the new draft and still waits for a second person.
      return { ok: true, resolved: false, approvals: approvedBy.length, required: input.required, task } as const;
    }
    if (change.approves) await tx.insert(taskApprovals).values({ taskId: task.id, userId: actor.id });
    const updated = await applyTaskChange(task, change, tx);
    if (!change.resolved)
      return {
        ok: true,
        resolved: false,
        approvals: change.approvers.length,
        required: input.required,
        task: updated,
      } as const;
    await closeTicket(ticket.id, move.set, input.summary(decided, change.approvers), draftColumns(decided), tx);
    await auditTicket(ticket.id, input.audit(decided, change.approvers), tx);
    await queueEvent(input.wake, tx);
    return { ok: true, resolved: true, task: updated, decided } as const;
  });
}

const draftColumns = (draft: TicketDraft) => ({
  draftReply: draft.reply,
  refundProposedMinor: draft.refundMinor,
  refundCurrency: draft.currency,
});

async function closeTicket(
  id: string,
  set: { status: Ticket["status"]; terminalAt?: Date },
  decisionSummary: string,
  draft: Partial<ReturnType<typeof draftColumns>>,
  tx: Executor,
): Promise<void> {
  await tx
    .update(tickets)
    .set({ ...set, ...draft, decisionSummary, updatedAt: set.terminalAt ?? new Date() })
    .where(eq(tickets.id, id));
}
