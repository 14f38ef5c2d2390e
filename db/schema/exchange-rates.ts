import { sql } from "drizzle-orm";
import { char, check, date, numeric, pgTable, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Exchange rates an admin keeps: one unit of `base` buys `rate` units of `currency` from `effectiveFrom` on, until
 * a later row for the same pair. The base is stored on every row, so changing KEEL_BASE_CURRENCY never reads old
 * rows against the wrong currency. `numeric` keeps the decimal exact; Drizzle hands it over as a string.
 */
export const exchangeRates = pgTable(
  "exchange_rates",
  {
    id: uuid().primaryKey().defaultRandom(),
    base: char({ length: 3 }).notNull(),
    currency: char({ length: 3 }).notNull(),
    rate: numeric({ precision: 24, scale: 10 }).notNull(),
    effectiveFrom: date({ mode: "string" }).notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("exchange_rates_pair_effective_key").on(t.base, t.currency, t.effectiveFrom),
    check("exchange_rates_rate_positive", sql`${t.rate} > 0`),
    check("exchange_rates_not_base", sql`${t.base} <> ${t.currency}`),
  ],
);

export type ExchangeRateRow = typeof exchangeRates.$inferSelect;
export type NewExchangeRateRow = typeof exchangeRates.$inferInsert;
