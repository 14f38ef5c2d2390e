import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import {
  auditLog,
  customers,
  outboxEmails,
  taskApprovals,
  tasks,
  tickets,
  users,
  type AuditEntry,
  type OutboxEmail,
  type Task,
} from "../schema";
import type { TicketIntent, TicketPriority, TicketSource } from "@/domain/tickets/classification";
import type { TicketStatus } from "@/domain/tickets/lifecycle";
import type { TicketCursor } from "./tickets";

/**
 * The reads behind the ticket screens that the run's own queries (`./tickets`) do not already answer: the list with a
 * customer search, the timeline from the audit log and the reply's email. All from Keel's tables, so the screens
 * answer with the engine stopped.
 */

/** What the Tickets list narrows to; every part is optional and they combine. */
export type TicketViewFilter = {
  status?: TicketStatus | undefined;
  intent?: TicketIntent | undefined;
  priority?: TicketPriority | undefined;
  /** Part of the customer's email address, in any case. */
  customerEmail?: string | undefined;
};

export type TicketRow = {
  id: string;
  subject: string;
  status: TicketStatus;
  intent: TicketIntent | null;
  priority: TicketPriority | null;
  source: TicketSource;
  customerEmail: string;
  customerName: string;
  orderReference: string | null;
  refundProposedMinor: number | null;
  refundCurrency: string | null;
  createdAt: Date;
};

/** A LIKE pattern that matches `text` literally: % and _ typed by a person are not wildcards. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the list, newest first, keyset-paginated on (created_at, id) so that every page costs what the first
 * does. Customers are searched first and their tickets then read through `tickets_customer_created_idx`; emails are
 * stored in lower case, so the pattern is too.
 */
export async function listTicketViews(
  filter: TicketViewFilter,
  page: { after?: TicketCursor | undefined; limit?: number } = {},
  tx: Executor = db(),
): Promise<{ rows: TicketRow[]; next: TicketCursor | null }> {
  const limit = page.limit ?? 50;
  const found = await tx
    .select({
      id: tickets.id,
      subject: tickets.subject,
      status: tickets.status,
      intent: tickets.intent,
      priority: tickets.priority,
      source: tickets.source,
      customerEmail: customers.email,
      customerName: customers.name,
      orderReference: tickets.orderReference,
      refundProposedMinor: tickets.refundProposedMinor,
      refundCurrency: tickets.refundCurrency,
      createdAt: tickets.createdAt,
      // Microseconds survive as text; a JavaScript Date would round them off and repeat or skip rows.
      key: sql<string>`${tickets.createdAt}::text`,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        filter.status ? eq(tickets.status, filter.status) : undefined,
        filter.intent ? eq(tickets.intent, filter.intent) : undefined,
        filter.priority ? eq(tickets.priority, filter.priority) : undefined,
        filter.customerEmail
          ? sql`${tickets.customerId} in (select ${customers.id} from ${customers} where ${customers.email} like ${containing(filter.customerEmail)})`
          : undefined,
        page.after
          ? sql`(${tickets.createdAt}, ${tickets.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(limit + 1);
  const rows = found.slice(0, limit).map(({ key: _key, ...row }) => row);
  const last = found.length > limit ? found[limit - 1] : undefined;
  return { rows, next: last ? { key: last.key, id: last.id } : null };
}

/**
 * The ticket's own audit entries (its intake, each stage of its run, the decision), oldest first. Its task's
 * entries share the correlation but tell the same story in the task's words (`ticket.task_opened` beside
 * `task.opened`), so the ticket's timeline reads only the ticket's; the task page keeps the task's.
 */
export async function listTicketAudit(ticketId: string, tx: Executor = db()): Promise<AuditEntry[]> {
  return tx
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.correlationId, ticketId), eq(auditLog.subjectType, "ticket")))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}

/** The reply Keel queued for the customer, if any: the outbox row the send-reply step keys by the ticket. */
export async function getTicketReplyEmail(ticketId: string, tx: Executor = db()): Promise<OutboxEmail | undefined> {
  const [row] = await tx
    .select()
    .from(outboxEmails)
    .where(eq(outboxEmails.idempotencyKey, `ticket-reply:${ticketId}`))
    .limit(1);
  return row;
}

export type TicketTaskView = Pick<Task, "id" | "status" | "title" | "assignedRole" | "deadlineAt" | "createdAt"> & {
  /** Who has approved so far, in order: under four eyes, one approval records and a second person's resolves. */
  approvedBy: { name: string; email: string }[];
};

/** The task that asks a person to decide the ticket, open or closed; at most one (tasks_ticket_type_key). */
export async function getTicketTask(ticketId: string, tx: Executor = db()): Promise<TicketTaskView | undefined> {
  const [row] = await tx
    .select({
      id: tasks.id,
      status: tasks.status,
      title: tasks.title,
      assignedRole: tasks.assignedRole,
      deadlineAt: tasks.deadlineAt,
      createdAt: tasks.createdAt,
    })
    .from(tasks)
    .where(and(eq(tasks.ticketId, ticketId), eq(tasks.type, "TICKET_REVIEW")))
    .limit(1);
  if (!row) return undefined;
  const approvedBy = await tx
    .select({ name: users.name, email: users.email })
    .from(taskApprovals)
    .innerJoin(users, eq(users.id, taskApprovals.userId))
    .where(eq(taskApprovals.taskId, row.id))
    .orderBy(asc(taskApprovals.at));
  return { ...row, approvedBy };
}
