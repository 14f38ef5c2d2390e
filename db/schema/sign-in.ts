import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Failed sign-ins per account (by the email typed, whether or not a user has it) and per client address, kept in
 * PostgreSQL so every app instance and a restart see the same counts.
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    // "account:<lower-case email>" or "ip:<address>".
    key: text().primaryKey(),
    failures: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastFailureAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_throttles_last_failure_idx").on(t.lastFailureAt),
    check("sign_in_throttles_failures_non_negative", sql`${t.failures} >= 0`),
  ],
);

export type SignInThrottle = typeof signInThrottles.$inferSelect;
