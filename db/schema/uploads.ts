import { char, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { documents } from "./documents";
import { users } from "./users";

/**
 * A two-step upload: the file announced (name, size, type, sha256) and the bucket key it was allowed to be PUT to;
 * completing it checks the stored bytes against this and records the document they became.
 */
export const pendingUploads = pgTable(
  "pending_uploads",
  {
    id: uuid().primaryKey(),
    key: text().notNull(),
    filename: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: char({ length: 64 }).notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: "cascade" }),
    apiKeyId: uuid(),
    documentId: uuid().references(() => documents.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pending_uploads_expires_idx").on(t.expiresAt)],
);

export type PendingUpload = typeof pendingUploads.$inferSelect;
export type NewPendingUpload = typeof pendingUploads.$inferInsert;
