import { sql } from "drizzle-orm";
import { char, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Vendor master data: what extracted names, tax ids and bank details are checked against. */
export const vendors = pgTable(
  "vendors",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    aliases: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    taxId: text(),
    currency: char({ length: 3 }).notNull().default("EUR"),
    iban: text(),
    bic: text(),
    accountNumber: text(),
    sortCode: text(),
    accountName: text(),
    email: text(),
    address: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("vendors_name_key").on(sql`lower(${t.name})`), index("vendors_tax_id_idx").on(t.taxId)],
);

export type Vendor = typeof vendors.$inferSelect;
export type NewVendor = typeof vendors.$inferInsert;
