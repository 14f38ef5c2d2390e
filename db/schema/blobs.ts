import { customType, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * The Postgres blob store's objects (`services/storage/postgres-store.ts`), by key: what a bucket holds when Keel
 * runs on one machine without one. Originals received before the store existed stay in `document_blobs`.
 */
export const blobs = pgTable("blobs", {
  key: text().primaryKey(),
  bytes: bytea().notNull(),
  contentType: text().notNull(),
  sizeBytes: integer().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type Blob = typeof blobs.$inferSelect;
