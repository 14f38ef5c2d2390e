import { and, asc, desc, eq, gte, isNull, isNotNull, lt } from "drizzle-orm";
import { alertAuditActions } from "@/domain/timeline";
import { db, type Executor } from "../index";
import {
  alertRules,
  alerts,
  outboxEmails,
  users,
  type AlertRow,
  type AlertRuleRow,
  type NewAlertRuleRow,
} from "../schema";
import { recordAudit, type Actor } from "./audit";

/** The seeded rules share one creation time: kind and field then keep a page's rules in a stable, grouped order. */
export async function listAlertRules(tx: Executor = db()): Promise<AlertRuleRow[]> {
  return tx
    .select()
    .from(alertRules)
    .orderBy(asc(alertRules.createdAt), asc(alertRules.kind), asc(alertRules.field), asc(alertRules.id));
}

export async function listEnabledAlertRules(tx: Executor = db()): Promise<AlertRuleRow[]> {
  return tx
    .select()
    .from(alertRules)
    .where(eq(alertRules.enabled, true))
    .orderBy(asc(alertRules.createdAt), asc(alertRules.id));
}

export async function getAlertRuleById(id: string, tx: Executor = db()): Promise<AlertRuleRow | undefined> {
  const [rule] = await tx.select().from(alertRules).where(eq(alertRules.id, id));
  return rule;
}

export async function createAlertRule(
  rule: Pick<NewAlertRuleRow, "kind" | "field" | "threshold" | "windowMinutes" | "enabled" | "updatedBy">,
  tx: Executor = db(),
): Promise<AlertRuleRow> {
  const [created] = await tx.insert(alertRules).values(rule).returning();
  if (!created) throw new Error("insert into alert_rules returned no row");
  return created;
}

const auditView = (rule: AlertRuleRow) => ({
  kind: rule.kind,
  field: rule.field,
  threshold: rule.threshold,
  windowMinutes: rule.windowMinutes,
  enabled: rule.enabled,
});

/** A rule an admin added, with its audit entry. */
export async function addAlertRule(
  rule: Pick<NewAlertRuleRow, "kind" | "field" | "threshold" | "windowMinutes" | "enabled">,
  actor: Actor,
): Promise<AlertRuleRow> {
  return db().transaction(async (tx) => {
    const created = await createAlertRule({ ...rule, updatedBy: actor.id }, tx);
    await recordAudit(
      {
        actor,
        action: alertAuditActions.ruleCreated,
        subjectType: "alert_rule",
        subjectId: created.id,
        after: auditView(created),
      },
      tx,
    );
    return created;
  });
}

/**
 * Saves an admin's change to a rule with its audit entry. Turning a rule off resolves its open alert in the same
 * transaction: nothing would evaluate it again, and it would stay open for ever.
 */
export async function updateAlertRule(
  id: string,
  change: Pick<AlertRuleRow, "enabled" | "threshold" | "field" | "windowMinutes">,
  actor: Actor,
  resolvedMessage: string,
): Promise<AlertRuleRow | undefined> {
  return db().transaction(async (tx) => {
    const [before] = await tx.select().from(alertRules).where(eq(alertRules.id, id)).for("update");
    if (!before) return undefined;
    const [after] = await tx
      .update(alertRules)
      .set({ ...change, updatedAt: new Date(), updatedBy: actor.id })
      .where(eq(alertRules.id, id))
      .returning();
    if (!after) return undefined;
    if (!after.enabled)
      await tx
        .update(alerts)
        .set({ resolvedAt: new Date(), resolvedMessage })
        .where(and(eq(alerts.ruleId, id), isNull(alerts.resolvedAt)));
    await recordAudit(
      {
        actor,
        action: alertAuditActions.ruleUpdated,
        subjectType: "alert_rule",
        subjectId: id,
        before: auditView(before),
        after: auditView(after),
      },
      tx,
    );
    return after;
  });
}

export type AlertVerdictInput = { firing: boolean; value: number; message: string };
export type AlertEmail = { subject: string; body: string };
export type AlertOutcome =
  | { outcome: "skipped" }
  | { outcome: "fired"; alertId: string; emailed: number }
  | { outcome: "firing"; alertId: string }
  | { outcome: "resolved"; alertId: string }
  | { outcome: "clear" };

/**
 * Records one evaluation of a rule in one transaction under the rule's row lock, so evaluations of the same rule
 * take turns and two at once cannot both open an alert. A new alert queues one email per admin, keyed by alert and
 * admin: a retried step queues nothing twice. A rule turned off meanwhile is skipped.
 */
export async function recordAlertEvaluation(
  ruleId: string,
  verdict: AlertVerdictInput,
  at: Date,
  email: (alert: AlertRow) => AlertEmail,
): Promise<AlertOutcome> {
  return db().transaction(async (tx) => {
    const [rule] = await tx.select().from(alertRules).where(eq(alertRules.id, ruleId)).for("update");
    if (!rule?.enabled) return { outcome: "skipped" } as const;
    const [open] = await tx
      .select()
      .from(alerts)
      .where(and(eq(alerts.ruleId, ruleId), isNull(alerts.resolvedAt)))
      .for("update");
    const seen = { lastValue: verdict.value, lastEvaluatedAt: at };
    if (open && verdict.firing) {
      await tx
        .update(alerts)
        .set({ ...seen, message: verdict.message })
        .where(eq(alerts.id, open.id));
      return { outcome: "firing", alertId: open.id } as const;
    }
    if (open) {
      await tx
        .update(alerts)
        .set({ ...seen, resolvedAt: at, resolvedMessage: verdict.message })
        .where(eq(alerts.id, open.id));
      return { outcome: "resolved", alertId: open.id } as const;
    }
    if (!verdict.firing) return { outcome: "clear" } as const;
    const [alert] = await tx
      .insert(alerts)
      .values({ ...seen, ruleId, startedAt: at, threshold: rule.threshold, message: verdict.message })
      .returning();
    if (!alert) throw new Error("insert into alerts returned no row");
    const admins = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.role, "admin"));
    const { subject, body } = email(alert);
    const queued =
      admins.length === 0
        ? []
        : await tx
            .insert(outboxEmails)
            .values(
              admins.map((admin) => ({
                idempotencyKey: alertEmailKey(alert.id, admin.id),
                documentId: null,
                to: admin.email,
                subject,
                body,
              })),
            )
            .onConflictDoNothing()
            .returning({ id: outboxEmails.id });
    return { outcome: "fired", alertId: alert.id, emailed: queued.length } as const;
  });
}

/** One email per admin per alert: the key the outbox refuses a second time. */
export const alertEmailKey = (alertId: string, userId: string) => `alert:${alertId}:${userId}`;

export type AlertWithRule = AlertRow & { rule: Pick<AlertRuleRow, "id" | "kind" | "field" | "windowMinutes"> };

const withRule = {
  alert: alerts,
  rule: { id: alertRules.id, kind: alertRules.kind, field: alertRules.field, windowMinutes: alertRules.windowMinutes },
};

/** The alerts firing now, oldest first. */
export async function listOpenAlerts(tx: Executor = db()): Promise<AlertWithRule[]> {
  const rows = await tx
    .select(withRule)
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(isNull(alerts.resolvedAt))
    .orderBy(asc(alerts.startedAt));
  return rows.map((r) => ({ ...r.alert, rule: r.rule }));
}

/** Alerts resolved in [from, to), newest first, at most `limit`. */
export async function listAlertsResolvedBetween(
  window: { from: Date; to: Date },
  limit = 50,
  tx: Executor = db(),
): Promise<AlertWithRule[]> {
  const rows = await tx
    .select(withRule)
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(and(isNotNull(alerts.resolvedAt), gte(alerts.resolvedAt, window.from), lt(alerts.resolvedAt, window.to)))
    .orderBy(desc(alerts.resolvedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.alert, rule: r.rule }));
}

/** Every alert of one rule, newest first: what tests and the evaluation's report read. */
export async function listAlertsForRule(ruleId: string, tx: Executor = db()): Promise<AlertRow[]> {
  return tx.select().from(alerts).where(eq(alerts.ruleId, ruleId)).orderBy(desc(alerts.startedAt));
}
