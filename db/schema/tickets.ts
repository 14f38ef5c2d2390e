import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ticketIntents, ticketPriorities, ticketSources } from "@/domain/tickets/classification";
import type { TicketIntent, TicketPriority, TicketSource } from "@/domain/tickets/classification";
import { orderStatuses, type OrderStatus } from "@/domain/tickets/import";
import { ticketStatuses } from "@/domain/tickets/lifecycle";
import { maxTicketBodyChars } from "@/domain/tickets/message";
import {
  refundAttemptOutcomes,
  refundStatuses,
  ticketMessageDirections,
  type RefundAttemptOutcome,
  type RefundStatus,
  type TicketMessageDirection,
} from "@/domain/tickets/refund";
import type { TicketRiskFinding } from "@/domain/tickets/risk";
import { apiKeys } from "./api";
import { ownedBy } from "./columns";
import { oneOf } from "./one-of";
import { users } from "./users";

/** The people who write to support; one row per address, kept in lower case so a reply finds the same customer. */
export const customers = pgTable(
  "customers",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customers_email_key").on(t.email),
    check("customers_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

/** What a customer paid for: the amount a refund is checked against. */
export const orders = pgTable(
  "orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    reference: text().notNull(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    currency: char({ length: 3 }).notNull(),
    totalMinor: bigint({ mode: "number" }).notNull(),
    paidAt: timestamp({ withTimezone: true }),
    status: text().$type<OrderStatus>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_reference_key").on(t.reference),
    index("orders_customer_idx").on(t.customerId, t.createdAt),
    check("orders_total_non_negative", sql`${t.totalMinor} >= 0`),
    check("orders_status_known", oneOf(t.status, orderStatuses)),
  ],
);

export { ticketStatuses };
export const ticketStatus = pgEnum("ticket_status", ticketStatuses);

/**
 * A support ticket and its read model: every stage of the run writes its outcome here (classification, draft,
 * findings, decision), so the list, the page and the API answer from Keel's tables alone.
 */
export const tickets = pgTable(
  "tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    orderId: uuid().references(() => orders.id, { onDelete: "set null" }),
    // As the customer wrote it, found or not: an unknown reference is a finding, not a lost fact.
    orderReference: text(),
    subject: text().notNull(),
    status: ticketStatus().notNull().default("received"),
    intent: text().$type<TicketIntent>(),
    priority: text().$type<TicketPriority>(),
    language: text(),
    classConfidence: real(),
    draftReply: text(),
    refundProposedMinor: bigint({ mode: "number" }),
    refundCurrency: char({ length: 3 }),
    findings: jsonb().$type<TicketRiskFinding[]>(),
    decisionSummary: text(),
    // The moment the ticket stopped taking decisions; set once, before any refund or reply (domain/tickets/lifecycle).
    terminalAt: timestamp({ withTimezone: true }),
    source: text().$type<TicketSource>().notNull(),
    apiKeyId: uuid().references(() => apiKeys.id, { onDelete: "set null" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    // Derived by the intake from what makes a ticket the same one (an API key's Idempotency-Key, a Message-ID).
    idempotencyKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("tickets_idempotency_key").on(t.idempotencyKey),
    // The list's keyset pages, newest first: one index per filter, each ending in the sort key.
    index("tickets_created_idx").on(t.createdAt, t.id),
    index("tickets_status_created_idx").on(t.status, t.createdAt, t.id),
    index("tickets_intent_created_idx").on(t.intent, t.createdAt, t.id),
    index("tickets_priority_created_idx").on(t.priority, t.createdAt, t.id),
    index("tickets_customer_created_idx").on(t.customerId, t.createdAt, t.id),
    index("tickets_order_idx").on(t.orderId),
    check("tickets_intent_known", sql`${t.intent} is null or ${oneOf(t.intent, ticketIntents)}`),
    check("tickets_priority_known", sql`${t.priority} is null or ${oneOf(t.priority, ticketPriorities)}`),
    check("tickets_source_known", oneOf(t.source, ticketSources)),
    check("tickets_language_code", sql`${t.language} is null or ${t.language} ~ '^[a-z]{2}$'`),
    check("tickets_confidence_range", sql`${t.classConfidence} is null or ${t.classConfidence} between 0 and 1`),
    check(
      "tickets_refund_with_currency",
      sql`(${t.refundProposedMinor} is null) = (${t.refundCurrency} is null) and coalesce(${t.refundProposedMinor}, 0) >= 0`,
    ),
  ],
);

/** The conversation: what came in and what went out, with the headers mail clients thread by. */
export const ticketMessages = pgTable(
  "ticket_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: ownedBy(() => tickets.id),
    direction: text().$type<TicketMessageDirection>().notNull(),
    // RFC 5322 Message-ID without its angle brackets; messages typed in the browser or sent by the API have none.
    messageId: text(),
    inReplyTo: text(),
    references: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    from: text().notNull(),
    to: text(),
    subject: text().notNull(),
    bodyText: text().notNull(),
    bodyTruncated: boolean().notNull().default(false),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // NULLs never collide, so messages without a Message-ID need no partial index (and ON CONFLICT stays plain).
    uniqueIndex("ticket_messages_message_id_key").on(t.messageId),
    index("ticket_messages_ticket_idx").on(t.ticketId, t.receivedAt),
    check("ticket_messages_direction_known", oneOf(t.direction, ticketMessageDirections)),
    check("ticket_messages_body_bounded", sql`char_length(${t.bodyText}) <= ${sql.raw(String(maxTicketBodyChars))}`),
  ],
);

/** One refund per ticket, at most: `ticket_id` is the exactly-once key. */
export const refunds = pgTable(
  "refunds",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => tickets.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    amountMinor: bigint({ mode: "number" }).notNull(),
    currency: char({ length: 3 }).notNull(),
    status: text().$type<RefundStatus>().notNull().default("issued"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("refunds_ticket_key").on(t.ticketId),
    index("refunds_order_idx").on(t.orderId),
    check("refunds_amount_positive", sql`${t.amountMinor} > 0`),
    check("refunds_status_known", oneOf(t.status, refundStatuses)),
  ],
);

/** Every attempt at a ticket's refund, written in the transaction that made or found the refund. */
export const refundAttempts = pgTable(
  "refund_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    refundId: ownedBy(() => refunds.id),
    attempt: integer().notNull(),
    outcome: text().$type<RefundAttemptOutcome>().notNull(),
    detail: jsonb().$type<Record<string, unknown>>().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("refund_attempts_refund_attempt_key").on(t.refundId, t.attempt),
    check("refund_attempts_outcome_known", oneOf(t.outcome, refundAttemptOutcomes)),
  ],
);

export type Customer = typeof customers.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type Ticket = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type TicketMessage = typeof ticketMessages.$inferSelect;
export type NewTicketMessage = typeof ticketMessages.$inferInsert;
export type Refund = typeof refunds.$inferSelect;
export type RefundAttempt = typeof refundAttempts.$inferSelect;
