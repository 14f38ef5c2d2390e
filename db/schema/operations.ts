import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { tasks } from "./tasks";
import { users } from "./users";

/**
 * How Keel is operated, one row for the whole installation: the hourly rate that prices human handling time on the
 * monitor and the share of auto-posted documents sampled into QA review. No row means the defaults.
 */
export const operatingSettings = pgTable(
  "operating_settings",
  {
    id: smallint().primaryKey().default(1),
    // 4500 = 45.00 per hour in a two-digit currency.
    handlingHourlyRateMinor: integer().notNull().default(4500),
    handlingRateCurrency: char({ length: 3 }).notNull().default("EUR"),
    // A share between 0 and 1, not a percentage: the page shows and takes percent.
    qaSampleRate: real().notNull().default(0.01),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    check("operating_settings_single_row", sql`${t.id} = 1`),
    check("operating_settings_rate_non_negative", sql`${t.handlingHourlyRateMinor} >= 0`),
    check("operating_settings_qa_sample_rate_share", sql`${t.qaSampleRate} >= 0 and ${t.qaSampleRate} <= 1`),
  ],
);

export type OperatingSettingsRow = typeof operatingSettings.$inferSelect;

/**
 * The measured time a task page was open, visible, in focus and in use, per person, until the decision: what human
 * handling costs, not how long a task waited.
 */
export const taskHandling = pgTable(
  "task_handling",
  {
    taskId: uuid()
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    focusedMs: bigint({ mode: "number" }).notNull().default(0),
    firstAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "task_handling_pkey", columns: [t.taskId, t.userId] }),
    check("task_handling_focused_ms_non_negative", sql`${t.focusedMs} >= 0`),
  ],
);

export type TaskHandlingRow = typeof taskHandling.$inferSelect;
