import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  char,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { documentStatuses, type DocumentStatus } from "@/domain/document-status";
import type { DocumentKind } from "@/domain/documents/kinds";
import { documentSources } from "@/domain/documents/source";
import type { DocumentClass, ExtractedText, Extraction, Finding } from "@/domain/documents/types";
import type { RiskAssessment, RiskLevel } from "@/domain/risk";
import type { Route } from "@/domain/routing";
import { users } from "./users";
import { vendors } from "./vendors";
import { ownedBy } from "./columns";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export { documentStatuses };
export const documentStatus = pgEnum("document_status", documentStatuses);

export { documentSources };
export const documentSource = pgEnum("document_source", documentSources);

/** The read model of one document: kept by the pipeline, queryable forever whatever the engine keeps. */
export const documents = pgTable(
  "documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    status: documentStatus().notNull().default("received"),
    filename: text().notNull(),
    kind: text().$type<DocumentKind>().notNull(),
    mediaType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: char({ length: 64 }).notNull(),
    source: documentSource().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    apiKeyId: uuid(),
    parentDocumentId: uuid(),
    documentClass: text().$type<DocumentClass>(),
    classConfidence: real(),
    vendorId: uuid().references(() => vendors.id, { onDelete: "set null" }),
    vendorName: text(),
    documentNumber: text(),
    currency: char({ length: 3 }),
    totalMinor: bigint({ mode: "number" }),
    riskScore: integer(),
    riskLevel: text().$type<RiskLevel>(),
    route: jsonb().$type<Route>(),
    errorClass: text(),
    errorMessage: text(),
    failedStep: text(),
    runId: text(),
    duplicateCount: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Identical bytes are one document: a second upload finds the first.
    uniqueIndex("documents_sha256_key").on(t.sha256),
    index("documents_status_created_idx").on(t.status, t.createdAt),
    index("documents_created_idx").on(t.createdAt, t.id),
    index("documents_vendor_idx").on(t.vendorId, t.createdAt),
    index("documents_parent_idx")
      .on(t.parentDocumentId)
      .where(sql`${t.parentDocumentId} is not null`),
  ],
);

/** The original bytes, apart from the read model so lists never load them. */
export const documentBlobs = pgTable("document_blobs", {
  documentId: uuid()
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  bytes: bytea().notNull(),
});

export const documentTexts = pgTable("document_texts", {
  documentId: uuid()
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  text: jsonb().$type<ExtractedText>().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The MinHash sketch of a document's text (see `domain/documents/fingerprint.ts`), computed once from the stored
 * text: comparing two sketches estimates how much of the text two documents share.
 */
export const documentFingerprints = pgTable("document_fingerprints", {
  documentId: uuid()
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  version: integer().notNull(),
  minhash: integer().array().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Keys under which an earlier copy of a document can be found by an index probe rather than a scan: seller +
 * invoice number, seller + amount, and the fingerprint's LSH bands. Field keys follow the latest extraction; band
 * keys follow the text, which never changes.
 */
export const documentKeys = pgTable(
  "document_keys",
  {
    key: text().notNull(),
    documentId: ownedBy(() => documents.id),
  },
  (t) => [
    primaryKey({ name: "document_keys_pkey", columns: [t.key, t.documentId] }),
    index("document_keys_document_idx").on(t.documentId),
  ],
);

export const extractions = pgTable(
  "extractions",
  {
    id: uuid().primaryKey().defaultRandom(),
    documentId: ownedBy(() => documents.id),
    extraction: jsonb().$type<Extraction>().notNull(),
    provider: text().notNull(),
    promptVersion: text(),
    findings: jsonb().$type<Finding[]>(),
    risk: jsonb().$type<RiskAssessment>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("extractions_document_idx").on(t.documentId, t.createdAt)],
);

/** Every call to a model provider: the cost and latency side of the chain. */
export const modelCalls = pgTable(
  "model_calls",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    documentId: uuid().references(() => documents.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    model: text().notNull(),
    promptVersion: text(),
    attempt: integer().notNull(),
    outcome: text().notNull(),
    errorClass: text(),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    cachedTokens: integer().notNull().default(0),
    costMicros: bigint({ mode: "number" }).notNull().default(0),
    latencyMs: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Set on a row a step writes for something other than a request (a lane that gave way before it answered), so
     * the step's retry writes it once; null on a request's own row, since every retried request is a real one.
     */
    dedupeKey: text(),
  },
  (t) => [
    index("model_calls_document_idx").on(t.documentId, t.at),
    uniqueIndex("model_calls_dedupe_key").on(t.dedupeKey),
    // The monitor reads calls by when they were made.
    index("model_calls_at_idx").on(t.at),
  ],
);

/** The document's timeline: steps, attempts, decisions and side effects, in order. */
export const documentEvents = pgTable(
  "document_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    documentId: ownedBy(() => documents.id),
    kind: text().notNull(),
    label: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    // Makes a step that runs twice record its event once.
    dedupeKey: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("document_events_document_idx").on(t.documentId, t.id),
    uniqueIndex("document_events_dedupe_key").on(t.documentId, t.dedupeKey),
    // The entries that end a document (db/queries/monitor/outcomes.ts), by when: the monitor's throughput and rates.
    index("document_events_outcome_idx")
      .on(t.at)
      .where(
        sql`${t.dedupeKey} in ('posted', 'finished-unposted', 'refused-duplicate-payable') or ${t.kind} = 'failed'`,
      ),
  ],
);

export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
export type { DocumentStatus };
export type DocumentEvent = typeof documentEvents.$inferSelect;
export type ModelCall = typeof modelCalls.$inferSelect;
