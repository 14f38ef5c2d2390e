import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  char,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { PurchaseOrderLine } from "@/domain/rules/context";
import { ownedBy } from "./columns";
import { documents } from "./documents";
import { oneOf } from "./one-of";
import { vendors } from "./vendors";

/** What every ledger entry starts with: its id, the key of the effect that wrote it, and what it was posted from. */
function entry() {
  return {
    id: uuid().primaryKey().defaultRandom(),
    idempotencyKey: text().notNull(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id),
    vendorId: uuid().references(() => vendors.id),
  };
}

/** An entry's total, in minor units of its currency. */
function total() {
  return {
    currency: char({ length: 3 }).notNull(),
    totalMinor: bigint({ mode: "number" }).notNull(),
  };
}

/**
 * Keel's own ledger, standing in for the ERP behind the posting interface. Every row carries the idempotency
 * key of the effect that wrote it, so an effect that runs twice writes once.
 */
export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    ...entry(),
    number: text(),
    ...total(),
    lines: jsonb().$type<PurchaseOrderLine[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("purchase_orders_idempotency_key").on(t.idempotencyKey),
    index("purchase_orders_number_idx").on(t.number),
  ],
);

export const payables = pgTable(
  "payables",
  {
    ...entry(),
    invoiceNumber: text(),
    ...total(),
    dueDate: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("payables_idempotency_key").on(t.idempotencyKey)],
);

/**
 * The ledger's own guard against paying one invoice twice: one row per seller identity the payable was posted
 * under (vendor id, tax id, IBAN, or the name when neither is printed) with the normalised invoice number. The key
 * is unique, so a second payable for the same seller and number cannot be written, even by two postings racing.
 */
export const payableKeys = pgTable(
  "payable_keys",
  {
    key: text().primaryKey(),
    payableId: ownedBy(() => payables.id),
  },
  (t) => [index("payable_keys_payable_idx").on(t.payableId)],
);

/** queued → sending → sent; back to queued after a transient failure, failed once the server refuses for good. */
export const outboxEmailStatuses = ["queued", "sending", "sent", "failed"] as const;
export type OutboxEmailStatus = (typeof outboxEmailStatuses)[number];

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
    // A reply to a customer threads under their message in their mail client: bare Message-IDs, without brackets.
    inReplyTo: text(),
    references: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text().$type<OutboxEmailStatus>().notNull().default("queued"),
    // Counted when a deliverer claims the email, so a crash mid-send counts too.
    attempts: bigint({ mode: "number" }).notNull().default(0),
    // A claim older than the deliverer's time limit is abandoned (its process died) and may be taken again.
    claimedAt: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    messageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outbox_emails_idempotency_key").on(t.idempotencyKey),
    index("outbox_emails_status_idx").on(t.status, t.createdAt),
    check("outbox_emails_status_known", oneOf(t.status, outboxEmailStatuses)),
  ],
);

export type OutboxEmail = typeof outboxEmails.$inferSelect;

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
  (t) => [
    index("effect_attempts_key_idx").on(t.idempotencyKey),
    index("effect_attempts_document_idx").on(t.documentId),
  ],
);
