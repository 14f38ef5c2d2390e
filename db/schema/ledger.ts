import { bigint, bigserial, char, date, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { documents } from "./documents";
import { vendors } from "./vendors";

/**
 * Keel's own ledger, standing in for the ERP behind the posting interface. Every row carries the idempotency
 * key of the effect that wrote it, so an effect that runs twice writes once.
 */
export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    idempotencyKey: text().notNull(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    vendorId: uuid().references(() => vendors.id),
    number: text(),
    currency: char({ length: 3 }).notNull(),
    totalMinor: bigint({ mode: "number" }).notNull(),
    lines: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("purchase_orders_idempotency_key").on(t.idempotencyKey), index("purchase_orders_number_idx").on(t.number)],
);

export const payables = pgTable(
  "payables",
  {
    id: uuid().primaryKey().defaultRandom(),
    idempotencyKey: text().notNull(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    vendorId: uuid().references(() => vendors.id),
    invoiceNumber: text(),
    currency: char({ length: 3 }).notNull(),
    totalMinor: bigint({ mode: "number" }).notNull(),
    dueDate: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("payables_idempotency_key").on(t.idempotencyKey)],
);

/** Emails Keel sends, queued in the same transaction as the effect that wants them. */
export const outboxEmails = pgTable(
  "outbox_emails",
  {
    id: uuid().primaryKey().defaultRandom(),
    idempotencyKey: text().notNull(),
    documentId: uuid().references(() => documents.id),
    to: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    status: text().notNull().default("queued"),
    attempts: bigint({ mode: "number" }).notNull().default(0),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("outbox_emails_idempotency_key").on(t.idempotencyKey), index("outbox_emails_status_idx").on(t.status, t.createdAt)],
);

/** Each attempt at a side effect and what it found: applied, or already done by an earlier attempt. */
export const effectAttempts = pgTable(
  "effect_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    idempotencyKey: text().notNull(),
    effect: text().notNull(),
    documentId: uuid().references(() => documents.id),
    outcome: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("effect_attempts_key_idx").on(t.idempotencyKey), index("effect_attempts_document_idx").on(t.documentId)],
);
