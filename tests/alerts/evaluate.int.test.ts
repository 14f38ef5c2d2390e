import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { db } from "@/db/index";
import { createAlertRule, listAlertsForRule, updateAlertRule } from "@/db/queries/alerts";
import { alertRules, auditLog, modelCalls, outboxEmails, tasks } from "@/db/schema";
import type { AlertRuleKind } from "@/domain/alerts/kinds";
import { evaluateAlertRules } from "@/services/alerts/evaluate";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const hours = (n: number) => n * 3_600_000;

const makeRule = (kind: AlertRuleKind, threshold: number) =>
  createAlertRule({ kind, field: null, threshold, windowMinutes: 60, enabled: true });

const alertEmails = (alertId: string) =>
  db()
    .select()
    .from(outboxEmails)
    .where(like(outboxEmails.idempotencyKey, `alert:${alertId}:%`));

async function modelCallsAt(at: Date, outcomes: string[]) {
  await db()
    .insert(modelCalls)
    .values(
      outcomes.map((outcome) => ({
        provider: "anthropic",
        model: `test-${randomBytes(3).toString("hex")}`,
        attempt: 1,
        outcome,
        latencyMs: 100,
        at,
      })),
    );
}

describe("alert evaluation", () => {
  let admins: { id: string; email: string }[] = [];

  beforeAll(async () => {
    // The defaults the migration seeds would read this file's data too; each test evaluates its own rule.
    await db().update(alertRules).set({ enabled: false }).where(eq(alertRules.enabled, true));
    admins = [await makeUser({ role: "admin" }), await makeUser({ role: "admin" })];
    await makeUser({ role: "approver" });
  });

  it("opens one alert on an old backlog and queues one email per admin, however often it is evaluated again", async () => {
    const rule = await makeRule("backlog_age_above", 2);
    const task = await makeTask({ createdAt: new Date(Date.now() - hours(3)) });

    expect(await evaluateAlertRules({ ruleIds: [rule.id] })).toMatchObject({ fired: 1, emailed: 2 });
    const [alert, ...more] = await listAlertsForRule(rule.id);
    expect(more).toHaveLength(0);
    expect(alert).toMatchObject({ resolvedAt: null, threshold: 2 });
    expect(alert?.lastValue).toBeGreaterThan(2.9);
    expect(alert?.message).toMatch(/^The oldest open task has waited 3 hours, above the 2 hours threshold$/);
    const emails = await alertEmails(alert?.id ?? "");
    expect(emails.map((e) => e.to).sort()).toEqual(admins.map((a) => a.email).sort());
    expect(emails[0]?.subject).toBe("Keel alert: Backlog age");
    expect(emails[0]?.body).toContain(`(alert ${alert?.id ?? ""})`);

    for (let i = 0; i < 3; i++) expect(await evaluateAlertRules({ ruleIds: [rule.id] })).toMatchObject({ fired: 0 });
    const after = await listAlertsForRule(rule.id);
    expect(after.map((a) => a.id)).toEqual([alert?.id]);
    expect(after[0]?.resolvedAt).toBeNull();
    expect((await alertEmails(alert?.id ?? "")).map((e) => e.id).sort()).toEqual(emails.map((e) => e.id).sort());

    await db().update(tasks).set({ status: "cancelled" }).where(eq(tasks.id, task.id));
    expect(await evaluateAlertRules({ ruleIds: [rule.id] })).toMatchObject({ resolved: 1 });
    const [resolved] = await listAlertsForRule(rule.id);
    expect(resolved?.id).toBe(alert?.id);
    expect(resolved?.resolvedAt).toBeInstanceOf(Date);
    expect(resolved?.resolvedMessage).toBe("No task is open, within the 2 hours threshold");
    expect(await alertEmails(alert?.id ?? "")).toHaveLength(2);
  });

  it("fires again after resolving as a new alert with new emails", async () => {
    const rule = await makeRule("model_error_rate_above", 20);
    const base = new Date(Date.now() + hours(1000));
    const calls = (...outcomes: [string, number][]) =>
      outcomes.flatMap(([outcome, n]) => Array<string>(n).fill(outcome));
    await modelCallsAt(new Date(base.getTime() - 60_000), calls(["ok", 10], ["error", 5], ["invalid_output", 5]));
    expect(await evaluateAlertRules({ at: base, ruleIds: [rule.id] })).toMatchObject({ fired: 1, emailed: 2 });
    // An hour later the window holds only good calls: resolved.
    const later = new Date(base.getTime() + hours(1));
    await modelCallsAt(new Date(later.getTime() - 60_000), calls(["ok", 20]));
    expect(await evaluateAlertRules({ at: later, ruleIds: [rule.id] })).toMatchObject({ resolved: 1 });
    // Another hour on, errors again: a second alert, and a second email to each admin.
    const again = new Date(later.getTime() + hours(1));
    await modelCallsAt(new Date(again.getTime() - 60_000), calls(["error", 20]));
    expect(await evaluateAlertRules({ at: again, ruleIds: [rule.id] })).toMatchObject({ fired: 1, emailed: 2 });

    const alerts = await listAlertsForRule(rule.id);
    expect(alerts).toHaveLength(2);
    expect(alerts[0]?.message).toBe("Model error rate is 100 % (20 of 20 calls), above the 20 % threshold");
    expect(alerts[1]?.message).toBe("Model error rate is 50 % (10 of 20 calls), above the 20 % threshold");
    for (const alert of alerts) expect(await alertEmails(alert.id)).toHaveLength(2);
  });

  it("neither fires nor resolves a rule whose metric has no data, or too few calls to judge", async () => {
    const rule = await makeRule("model_error_rate_above", 20);
    const base = new Date(Date.now() + hours(2000));
    // Three failed calls are no outage yet: fewer than the 20 an error rate is judged on.
    await modelCallsAt(new Date(base.getTime() - 120_000), ["error", "error", "error"]);
    expect(await evaluateAlertRules({ at: base, ruleIds: [rule.id] })).toMatchObject({ fired: 0 });
    await modelCallsAt(new Date(base.getTime() - 60_000), Array<string>(17).fill("error"));
    expect(await evaluateAlertRules({ at: base, ruleIds: [rule.id] })).toMatchObject({ fired: 1 });
    // Two hours on, no calls at all in the window: no data, so the alert stays as it was.
    expect(await evaluateAlertRules({ at: new Date(base.getTime() + hours(2)), ruleIds: [rule.id] })).toMatchObject({
      fired: 0,
      resolved: 0,
    });
    const [alert] = await listAlertsForRule(rule.id);
    expect(alert?.resolvedAt).toBeNull();
    expect(alert?.lastEvaluatedAt).toEqual(base);
  });

  it("opens one alert and one email per admin when evaluations run at the same time", async () => {
    const rule = await makeRule("backlog_age_above", 0);
    await makeTask({ createdAt: new Date(Date.now() - hours(1)) });
    const runs = await Promise.all(Array.from({ length: 4 }, () => evaluateAlertRules({ ruleIds: [rule.id] })));
    expect(runs.reduce((sum, r) => sum + r.fired, 0)).toBe(1);
    const alerts = await listAlertsForRule(rule.id);
    expect(alerts).toHaveLength(1);
    expect(await alertEmails(alerts[0]?.id ?? "")).toHaveLength(2);
  });

  it("resolves a rule's open alert when an admin turns the rule off, and audits the change", async () => {
    const rule = await makeRule("backlog_age_above", 0);
    await makeTask({ createdAt: new Date(Date.now() - hours(1)) });
    await evaluateAlertRules({ ruleIds: [rule.id] });
    const admin = admins[0] ?? { id: "", email: "" };
    await updateAlertRule(
      rule.id,
      { enabled: false, threshold: 0, field: null, windowMinutes: 60 },
      { id: admin.id, label: admin.email },
      "The rule was turned off.",
    );
    const [alert] = await listAlertsForRule(rule.id);
    expect(alert?.resolvedMessage).toBe("The rule was turned off.");
    expect(await evaluateAlertRules({ ruleIds: [rule.id] })).toMatchObject({ evaluated: 0 });
    const audit = await db().select().from(auditLog).where(eq(auditLog.subjectId, rule.id));
    expect(audit).toEqual([
      expect.objectContaining({
        action: "alert_rule.updated",
        actorId: admin.id,
        before: expect.objectContaining({ enabled: true }) as unknown,
        after: expect.objectContaining({ enabled: false }) as unknown,
      }),
    ]);
  });
});
