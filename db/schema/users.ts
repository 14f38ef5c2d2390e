import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { roles, type Role } from "@/domain/roles";
import { ownedBy } from "./columns";

export const userRoles = roles;
export const userRole = pgEnum("user_role", userRoles);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull().default("operator"),
    approvalLimitMinor: bigint({ mode: "number" }).notNull().default(0),
    approvalCurrency: char({ length: 3 }).notNull().default("EUR"),
    // Null for users who only sign in through OIDC.
    passwordHash: text(),
    lastSignInAt: timestamp({ withTimezone: true }),
    // Carried in each session token and compared on every request: raising it ends every session the user has.
    sessionVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_approval_limit_non_negative", sql`${t.approvalLimitMinor} >= 0`),
    check("users_approval_currency_iso", sql`${t.approvalCurrency} ~ '^[A-Z]{3}$'`),
  ],
);

/** Links an external identity (OIDC subject) to a Keel user; what Auth.js calls an account. */
export const accounts = pgTable(
  "accounts",
  {
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    userId: ownedBy(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "accounts_pkey", columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_id_idx").on(t.userId),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserRole = Role;
export type Account = typeof accounts.$inferSelect;
