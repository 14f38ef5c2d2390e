import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { documents } from "./documents";
import { oneOf } from "./one-of";
import { users } from "./users";
import { ownedBy } from "./columns";

/** What documents a key may read: those sent through it, or every document (an ERP that reconciles all intake). */
export const apiKeyScopes = ["own", "read_all"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/** API keys: only a SHA-256 of the secret is stored; the prefix lets people tell keys apart. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    prefix: text().notNull(),
    hash: text().notNull(),
    scope: text().$type<ApiKeyScope>().notNull().default("own"),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.hash), check("api_keys_scope_known", oneOf(t.scope, apiKeyScopes))],
);

/**
 * The first response to each Idempotency-Key, replayed for the same request and refused for another. The row is
 * inserted before the work starts, with no status yet, so that of concurrent requests with one key exactly one
 * does the work and the others wait for its answer.
 */
export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    apiKeyId: ownedBy(() => apiKeys.id),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer(),
    body: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "api_idempotency_pkey", columns: [t.apiKeyId, t.key] })],
);

/**
 * Documents a key has sent, including a duplicate of a document first sent by someone else: the key holds those
 * bytes, so it may follow what became of them.
 */
export const apiKeyDocuments = pgTable(
  "api_key_documents",
  {
    apiKeyId: ownedBy(() => apiKeys.id),
    documentId: ownedBy(() => documents.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "api_key_documents_pkey", columns: [t.apiKeyId, t.documentId] }),
    index("api_key_documents_document_idx").on(t.documentId),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
