import { and, asc, count, desc, eq, gte, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "../index";
import { recordAudit, type Actor } from "./audit";
import {
  auditLog,
  customers,
  orders,
  outboxEmails,
  refundAttempts,
  refunds,
  ticketMessages,
  tickets,
  tasks,
  type Customer,
  type NewTicket,
  type NewTicketMessage,
  type Order,
  type Refund,
  type RefundAttempt,
  type Task,
  type Ticket,
  type TicketMessage,
} from "../schema";
import type { TicketIntent, TicketPriority } from "@/domain/tickets/classification";
import { ticketTransition, type TicketEvent, type TicketRefusal, type TicketStatus } from "@/domain/tickets/lifecycle";
import type { KnownMessage } from "@/domain/tickets/threading";
import { expiry } from "@/domain/tasks/lifecycle";

/** A message as the intake hands it over, its body already bounded (`boundTicketBody`). */
export type TicketMessageInput = Omit<NewTicketMessage, "id" | "ticketId">;

export type TicketInput = Omit<NewTicket, "id" | "status" | "createdAt" | "updatedAt" | "terminalAt"> & {
  message: TicketMessageInput;
};

/**
 * A ticket and its first message, in one transaction. The same `idempotencyKey` again (an API retry, the same email
 * delivered twice, two deliveries racing) finds the ticket the first made and writes nothing.
 */
export async function createTicket(input: TicketInput): Promise<{ ticket: Ticket; created: boolean }> {
  const { message, ...ticket } = input;
  return db().transaction(async (tx) => {
    const [created] = await tx
      .insert(tickets)
      .values(ticket)
      .onConflictDoNothing({ target: tickets.idempotencyKey })
      .returning();
    if (!created) {
      const [existing] = await tx
        .select()
        .from(tickets)
        .where(eq(tickets.idempotencyKey, ticket.idempotencyKey ?? ""))
        .limit(1);
      if (!existing) throw new Error("a ticket insert conflicted on a key no ticket holds");
      return { ticket: existing, created: false };
    }
    await tx
      .insert(ticketMessages)
      .values({ ...message, ticketId: created.id })
      .onConflictDoNothing({ target: ticketMessages.messageId });
    return { ticket: created, created: true };
  });
}

/**
 * A message on an existing ticket (a customer's reply, Keel's answer). A Message-ID already on file is the same
 * message delivered again: nothing is written.
 */
export async function addTicketMessage(
  ticketId: string,
  message: TicketMessageInput,
  tx: Executor = db(),
): Promise<{ message: TicketMessage | undefined; created: boolean }> {
  const [created] = await tx
    .insert(ticketMessages)
    .values({ ...message, ticketId })
    .onConflictDoNothing({ target: ticketMessages.messageId })
    .returning();
  if (created)
    await tx
      .update(tickets)
      .set({ updatedAt: sql`now()` })
      .where(eq(tickets.id, ticketId));
  return { message: created, created: created !== undefined };
}

export async function getTicketById(id: string, tx: Executor = db()): Promise<Ticket | undefined> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return row;
}

export type TicketDetail = {
  ticket: Ticket;
  customer: Customer;
  order: Order | null;
  messages: TicketMessage[];
  refund: (Refund & { attempts: RefundAttempt[] }) | null;
};

/** Everything the ticket page and `GET /api/v1/tickets/:id` show, from Keel's tables alone. */
export async function getTicketWithMessages(id: string, tx: Executor = db()): Promise<TicketDetail | undefined> {
  const [row] = await tx
    .select({ ticket: tickets, customer: customers, order: orders })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(orders, eq(orders.id, tickets.orderId))
    .where(eq(tickets.id, id))
    .limit(1);
  if (!row) return undefined;
  const messages = await tx
    .select()
    .from(ticketMessages)
    .where(eq(ticketMessages.ticketId, id))
    .orderBy(asc(ticketMessages.receivedAt), asc(ticketMessages.id));
  return { ...row, messages, refund: (await getRefundForTicket(id, tx)) ?? null };
}

/** The tickets that hold any of these Message-IDs, for the threading rule (`threadTicket`). */
export async function findTicketsByMessageIds(
  messageIds: readonly string[],
  tx: Executor = db(),
): Promise<KnownMessage[]> {
  if (messageIds.length === 0) return [];
  const rows = await tx
    .select({ messageId: ticketMessages.messageId, ticketId: tickets.id, customerId: tickets.customerId })
    .from(ticketMessages)
    .innerJoin(tickets, eq(tickets.id, ticketMessages.ticketId))
    .where(inArray(ticketMessages.messageId, [...messageIds]));
  return rows.flatMap((r) => (r.messageId === null ? [] : [{ ...r, messageId: r.messageId }]));
}

/** The read model's columns a stage writes beside (or without) a status change. */
export type TicketStageColumns = Partial<
  Pick<
    NewTicket,
    | "orderId"
    | "intent"
    | "priority"
    | "language"
    | "classConfidence"
    | "draftReply"
    | "refundProposedMinor"
    | "refundCurrency"
    | "findings"
    | "decisionSummary"
  >
>;

/**
 * A model lane's draft, stored only while the ticket has none and is still being classified: a lane whose call was
 * cut off by its timeout may still finish later, and must never write over the template draft the run went on with,
 * nor over what a person decided. Says whether it stored.
 */
export async function storeModelDraft(id: string, set: TicketStageColumns, tx: Executor = db()): Promise<boolean> {
  const rows = await tx
    .update(tickets)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(tickets.id, id), isNull(tickets.draftReply), inArray(tickets.status, ["received", "classifying"])))
    .returning({ id: tickets.id });
  return rows.length > 0;
}

/** Writes a stage's outcome to the ticket without changing its status. */
export async function updateTicket(id: string, set: TicketStageColumns, tx: Executor = db()): Promise<void> {
  await tx
    .update(tickets)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(tickets.id, id));
}

/**
 * Applies `event` to the ticket under its row lock, with the stage's columns, in one transaction: the transition
 * (`ticketTransition`) decides, this only locks, asks and writes. A refusal writes nothing and says why; so does a
 * stale step (the ticket moved past it), whose columns would overwrite what came after.
 */
export async function transitionTicket(
  id: string,
  event: TicketEvent,
  set: TicketStageColumns = {},
  now: Date = new Date(),
  audit: readonly TicketAudit[] = [],
): Promise<{ ok: true; ticket: Ticket; changed: boolean } | TicketRefusal | { ok: false; reason: "not_found" }> {
  return db().transaction(async (tx) => {
    const [locked] = await tx.select().from(tickets).where(eq(tickets.id, id)).for("update");
    if (!locked) return { ok: false, reason: "not_found" } as const;
    const change = ticketTransition(locked, event, now);
    if (!change.ok) return change;
    if (change.stale || (!change.changed && Object.keys(set).length === 0))
      return { ok: true, ticket: locked, changed: false } as const;
    const [ticket] = await tx
      .update(tickets)
      .set({ ...set, ...change.set, updatedAt: now })
      .where(eq(tickets.id, id))
      .returning();
    // A step that ran again finds the status it set: its entries were written with that change.
    if (change.changed) await recordTicketAudit(id, audit, tx);
    return { ok: true, ticket: ticket ?? locked, changed: change.changed } as const;
  });
}

/** An audit entry about a ticket: the ticket is its subject and its correlation, so the timeline reads it by id. */
export type TicketAudit = {
  actor: Actor;
  action: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

export async function recordTicketAudit(
  ticketId: string,
  entries: readonly TicketAudit[],
  tx: Executor = db(),
): Promise<void> {
  for (const entry of entries)
    await recordAudit({ ...entry, subjectType: "ticket", subjectId: ticketId, correlationId: ticketId }, tx);
}

/**
 * A stage's columns and its audit entry, in one transaction, for stages that change no status (the order look-up,
 * the risk assessment). The entry is written once: a step that ran again rewrites the same columns silently.
 */
export async function recordTicketStage(
  id: string,
  set: TicketStageColumns,
  audit: TicketAudit,
): Promise<Ticket | undefined> {
  return db().transaction(async (tx) => {
    const [ticket] = await tx
      .update(tickets)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(tickets.id, id))
      .returning();
    if (!ticket) return undefined;
    const [seen] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, "ticket"), eq(auditLog.subjectId, id), eq(auditLog.action, audit.action)))
      .limit(1);
    if (!seen) await recordTicketAudit(id, [audit], tx);
    return ticket;
  });
}

/** The customer's latest message on the ticket: what the run classifies, drafts for and checks. */
export async function getLatestIncomingMessage(
  ticketId: string,
  tx: Executor = db(),
): Promise<TicketMessage | undefined> {
  const [row] = await tx
    .select()
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), eq(ticketMessages.direction, "in")))
    .orderBy(desc(ticketMessages.receivedAt), desc(ticketMessages.id))
    .limit(1);
  return row;
}

export type TicketListFilter = {
  status?: TicketStatus | undefined;
  intent?: TicketIntent | undefined;
  priority?: TicketPriority | undefined;
  customerId?: string | undefined;
};

/** Where a page ends: the last row's createdAt exactly as PostgreSQL holds it, and its id. */
export type TicketCursor = { key: string; id: string };

export type TicketListItem = Ticket & { customerEmail: string; customerName: string };

function ticketWhere(filter: TicketListFilter): SQL | undefined {
  return and(
    filter.status ? eq(tickets.status, filter.status) : undefined,
    filter.intent ? eq(tickets.intent, filter.intent) : undefined,
    filter.priority ? eq(tickets.priority, filter.priority) : undefined,
    filter.customerId ? eq(tickets.customerId, filter.customerId) : undefined,
  );
}

/** One page of tickets, newest first, keyset-paginated so any page costs what the first does. */
export async function listTickets(
  filter: TicketListFilter,
  page: { after?: TicketCursor | undefined; limit?: number } = {},
  tx: Executor = db(),
): Promise<{ items: TicketListItem[]; next: TicketCursor | null }> {
  const limit = page.limit ?? 50;
  const rows = await tx
    .select({
      ticket: tickets,
      customerEmail: customers.email,
      customerName: customers.name,
      // Microseconds survive as text; a JavaScript Date would round them off and repeat or skip rows.
      key: sql<string>`${tickets.createdAt}::text`,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .where(
      and(
        ticketWhere(filter),
        page.after
          ? sql`(${tickets.createdAt}, ${tickets.id}) < (${page.after.key}::timestamptz, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(limit + 1);
  const items = rows
    .slice(0, limit)
    .map((r) => ({ ...r.ticket, customerEmail: r.customerEmail, customerName: r.customerName }));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return { items, next: last ? { key: last.key, id: last.ticket.id } : null };
}

/** How many tickets match, up to `cap`, so the count stays cheap at any size. */
export async function countTickets(filter: TicketListFilter, cap = 10_000, tx: Executor = db()): Promise<number> {
  const capped = tx
    .select({ one: sql`1` })
    .from(tickets)
    .where(ticketWhere(filter))
    .limit(cap + 1)
    .as("capped");
  const [row] = await tx.select({ n: count() }).from(capped);
  return row?.n ?? 0;
}

export type RefundRequest = {
  ticketId: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  /** Who or what asked, for the attempt's log: the run, the approving task. */
  detail?: Record<string, unknown>;
};

/**
 * The ticket's refund, exactly once: `refunds.ticket_id` is unique, so of any number of attempts — retries, a replay
 * after a crash, two racing — one writes the row and the rest find it, and the amount never changes after. Every
 * attempt is logged in the same transaction, numbered under the refund's row lock.
 */
export async function recordRefund(
  request: RefundRequest,
  audit: readonly TicketAudit[] = [],
): Promise<{ refund: Refund; applied: boolean; attempt: number }> {
  return db().transaction(async (tx) => {
    const [inserted] = await tx
      .insert(refunds)
      .values({
        ticketId: request.ticketId,
        orderId: request.orderId,
        amountMinor: request.amountMinor,
        currency: request.currency,
      })
      .onConflictDoNothing({ target: refunds.ticketId })
      .returning({ id: refunds.id });
    const [refund] = await tx.select().from(refunds).where(eq(refunds.ticketId, request.ticketId)).for("update");
    if (!refund) throw new Error(`the refund for ticket ${request.ticketId} vanished between insert and select`);
    const [done] = await tx.select({ n: count() }).from(refundAttempts).where(eq(refundAttempts.refundId, refund.id));
    const attempt = (done?.n ?? 0) + 1;
    await tx.insert(refundAttempts).values({
      refundId: refund.id,
      attempt,
      outcome: inserted ? "applied" : "already_applied",
      detail: {
        ...request.detail,
        requested: { amountMinor: request.amountMinor, currency: request.currency, orderId: request.orderId },
      },
    });
    // The entries record the money moving, so only the attempt that moved it writes them.
    if (inserted) await recordTicketAudit(request.ticketId, audit, tx);
    return { refund, applied: inserted !== undefined, attempt };
  });
}

export async function getRefundForTicket(
  ticketId: string,
  tx: Executor = db(),
): Promise<(Refund & { attempts: RefundAttempt[] }) | undefined> {
  const [refund] = await tx.select().from(refunds).where(eq(refunds.ticketId, ticketId)).limit(1);
  if (!refund) return undefined;
  const attempts = await tx
    .select()
    .from(refundAttempts)
    .where(eq(refundAttempts.refundId, refund.id))
    .orderBy(asc(refundAttempts.attempt));
  return { ...refund, attempts };
}

/** Refunds issued, other than `exceptTicketId`'s: the ones a new refund for that ticket is weighed against. */
const issuedRefundsExcept = (exceptTicketId: string | undefined) =>
  and(eq(refunds.status, "issued"), exceptTicketId ? ne(refunds.ticketId, exceptTicketId) : undefined);

/** A customer's issued refunds since `since`, other than `exceptTicketId`'s: what the repeat-refund rule weighs. */
export async function listCustomerRefunds(
  customerId: string,
  since: Date,
  exceptTicketId?: string,
  tx: Executor = db(),
): Promise<{ at: Date; amountMinor: number; currency: string }[]> {
  return tx
    .select({ at: refunds.createdAt, amountMinor: refunds.amountMinor, currency: refunds.currency })
    .from(refunds)
    .innerJoin(tickets, eq(tickets.id, refunds.ticketId))
    .where(and(eq(tickets.customerId, customerId), gte(refunds.createdAt, since), issuedRefundsExcept(exceptTicketId)))
    .orderBy(desc(refunds.createdAt));
}

/** What is already refunded on an order in its own currency, other than `exceptTicketId`'s refund. */
export async function sumOrderRefunds(orderId: string, exceptTicketId?: string, tx: Executor = db()): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${refunds.amountMinor}), 0)::text` })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(
      and(eq(refunds.orderId, orderId), eq(refunds.currency, orders.currency), issuedRefundsExcept(exceptTicketId)),
    );
  return Number(row?.total ?? "0");
}

/**
 * The deadline's one transaction: the task row locked first and the ticket's second — the order the decision
 * service locks them in, so the two never deadlock and exactly one of them acts. A task still open expires with
 * its ticket; a task someone decided first is returned as they left it.
 */
export async function expireTicketTask(
  taskId: string,
  reason: string,
  now: Date,
  audit: readonly TicketAudit[],
): Promise<{ task: Task; ticket: Ticket } | undefined> {
  return db().transaction(async (tx) => {
    const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for("update");
    if (!task?.ticketId) return undefined;
    const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, task.ticketId)).for("update");
    if (!ticket) return undefined;
    const change = expiry(task, reason, now);
    if (!change.ok) return { task, ticket };
    const [expired] = await tx.update(tasks).set(change.set).where(eq(tasks.id, task.id)).returning();
    for (const entry of change.audit) await recordAudit(entry, tx);
    const move = ticketTransition(ticket, "expire", now);
    if (!move.ok || !move.changed) return { task: expired ?? task, ticket };
    const [closed] = await tx
      .update(tickets)
      .set({ ...move.set, updatedAt: now })
      .where(eq(tickets.id, ticket.id))
      .returning();
    await recordTicketAudit(ticket.id, audit, tx);
    return { task: expired ?? task, ticket: closed ?? ticket };
  });
}

export type TicketReply = {
  ticketId: string;
  /** The outbox's idempotency key: one reply per ticket however often the step runs. */
  outboxKey: string;
  email: { to: string; subject: string; body: string; inReplyTo: string | null; references: string[] };
  message: TicketMessageInput;
  audit: readonly TicketAudit[];
  now: Date;
};

/**
 * The reply, once: queued in the outbox under its key, recorded as the conversation's outgoing message under its
 * Message-ID, and the ticket moved from sending to resolved, in one transaction under the ticket's lock. A step
 * that runs again finds all three done and writes nothing.
 */
export async function queueTicketReply(
  reply: TicketReply,
): Promise<{ queued: boolean } | TicketRefusal | { ok: false; reason: "not_found" }> {
  return db().transaction(async (tx) => {
    const [locked] = await tx.select().from(tickets).where(eq(tickets.id, reply.ticketId)).for("update");
    if (!locked) return { ok: false, reason: "not_found" } as const;
    const change = ticketTransition(locked, "sent", reply.now);
    if (!change.ok) return change;
    const queued = await tx
      .insert(outboxEmails)
      .values({ idempotencyKey: reply.outboxKey, documentId: null, ...reply.email })
      .onConflictDoNothing()
      .returning({ id: outboxEmails.id });
    await tx
      .insert(ticketMessages)
      .values({ ...reply.message, ticketId: reply.ticketId })
      .onConflictDoNothing({ target: ticketMessages.messageId });
    if (change.changed) {
      await tx
        .update(tickets)
        .set({ ...change.set, updatedAt: reply.now })
        .where(eq(tickets.id, reply.ticketId));
      await recordTicketAudit(reply.ticketId, reply.audit, tx);
    }
    return { queued: queued.length > 0 };
  });
}
