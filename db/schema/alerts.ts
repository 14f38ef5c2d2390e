import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { alertRuleKinds, type AlertRuleKind } from "@/domain/alerts/kinds";
import { oneOf } from "./one-of";
import { users } from "./users";

/** What admins watch: a metric, its threshold and the window it is measured over. Defaults seeded by migration. */
export const alertRules = pgTable(
  "alert_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<AlertRuleKind>().notNull(),
    field: text(),
    threshold: numeric({ mode: "number" }).notNull(),
    // For rises, the baseline is the window of the same length just before this one.
    windowMinutes: integer().notNull().default(60),
    enabled: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    check("alert_rules_kind_known", oneOf(t.kind, alertRuleKinds)),
    check("alert_rules_threshold_non_negative", sql`${t.threshold} >= 0`),
    check("alert_rules_window_minutes_range", sql`${t.windowMinutes} between 5 and 10080`),
    check(
      "alert_rules_field_rules_have_field",
      sql`${t.kind} not in ('field_empty_rate_rise', 'field_correction_rate_rise') or ${t.field} is not null`,
    ),
  ],
);

export type AlertRuleRow = typeof alertRules.$inferSelect;
export type NewAlertRuleRow = typeof alertRules.$inferInsert;

/**
 * One firing of a rule, from the evaluation that found it over its threshold to the one that found it back under.
 * At most one is open per rule, so two evaluations at once cannot both open one and email twice.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid().primaryKey().defaultRandom(),
    ruleId: uuid()
      .notNull()
      .references(() => alertRules.id, { onDelete: "cascade" }),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    // The number compared with the threshold at the latest evaluation, in the rule's unit.
    lastValue: doublePrecision().notNull(),
    // The rule's threshold when it fired: an admin may change the rule while it is open.
    threshold: numeric({ mode: "number" }).notNull(),
    message: text().notNull(),
    // Why it resolved: the sentence of the evaluation that found it back under, or the rule turned off.
    resolvedMessage: text(),
    lastEvaluatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("alerts_rule_open_key")
      .on(t.ruleId)
      .where(sql`${t.resolvedAt} is null`),
    index("alerts_rule_started_idx").on(t.ruleId, t.startedAt),
    index("alerts_resolved_idx").on(t.resolvedAt),
  ],
);

export type AlertRow = typeof alerts.$inferSelect;
