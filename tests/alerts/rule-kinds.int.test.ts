import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/index";
import { createAlertRule, getAlertRuleById, listAlertsForRule } from "@/db/queries/alerts";
import { listAuditForSubject } from "@/db/queries/audit";
import { alertRules, evalRuns } from "@/db/schema";
import type { HeaderFieldName } from "@/domain/documents/fields";
import { evaluateAlertRules } from "@/services/alerts/evaluate";
import { listRules } from "@/services/alerts/list";
import { addRule } from "@/services/alerts/add-rule";
import { changeAlertRule } from "@/services/alerts/update-rule";
import { makeUser } from "../factories/users";
import { extractionWith, hours, seedDocument, seedExtraction } from "../monitor/seed";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

/** Documents received at `at`, each with an extraction, `empty` of them missing the field. */
async function documentsAt(at: Date, count: number, empty: number, field: HeaderFieldName) {
  for (let i = 0; i < count; i++) {
    const document = await seedDocument({ createdAt: at });
    await seedExtraction(document.id, extractionWith({ confidence: 0.9, empty: i < empty ? [field] : [] }), at);
  }
}

describe("alert rule kinds read through the monitor's metrics and the eval drift", () => {
  beforeAll(async () => {
    await db().update(alertRules).set({ enabled: false }).where(eq(alertRules.enabled, true));
    await makeUser({ role: "admin" });
  });

  it("fires when a field's empty rate rises over the window before it, and resolves when it settles", async () => {
    const rule = await createAlertRule({
      kind: "field_empty_rate_rise",
      field: "documentNumber",
      threshold: 10,
      windowMinutes: 60,
      enabled: true,
    });
    // Far from now, so no other test's documents share these windows.
    const at = new Date(Date.now() + hours(5000));
    await documentsAt(new Date(at.getTime() - hours(1.5)), 4, 0, "documentNumber");
    await documentsAt(new Date(at.getTime() - hours(0.5)), 4, 2, "documentNumber");
    expect(await evaluateAlertRules({ at, ruleIds: [rule.id] })).toMatchObject({ fired: 1, emailed: 1 });
    const [alert] = await listAlertsForRule(rule.id);
    expect(alert?.message).toBe("Empty rate of document number is 50 % (baseline 0 %), above the +10 points threshold");
    expect(alert?.lastValue).toBe(50);

    // Two hours on, the window and its baseline both read 25 %: no rise, so the alert resolves.
    const later = new Date(at.getTime() + hours(2));
    await documentsAt(new Date(later.getTime() - hours(1.5)), 4, 1, "documentNumber");
    await documentsAt(new Date(later.getTime() - hours(0.5)), 4, 1, "documentNumber");
    expect(await evaluateAlertRules({ at: later, ruleIds: [rule.id] })).toMatchObject({ resolved: 1 });
    const [resolved] = await listAlertsForRule(rule.id);
    expect(resolved?.resolvedMessage).toBe(
      "Empty rate of document number is 25 % (baseline 25 %), within the +10 points threshold",
    );
  });

  it("fires on the field whose eval accuracy dropped most between the two latest eval runs", async () => {
    const rule = await createAlertRule({
      kind: "eval_accuracy_drop",
      field: null,
      threshold: 5,
      windowMinutes: 60,
      enabled: true,
    });
    const run = (at: Date, total: number, vendor: number) => ({
      at,
      trigger: "drift" as const,
      chain: "deterministic",
      cases: 10,
      documentsSampled: 0,
      fieldScores: { totalMinor: { correct: total, total: 10 }, vendorName: { correct: vendor, total: 10 } },
      sampleFieldScores: {},
    });
    await db()
      .insert(evalRuns)
      .values([run(new Date(Date.now() - hours(48)), 10, 9), run(new Date(Date.now() - hours(24)), 9, 6)]);
    expect(await evaluateAlertRules({ ruleIds: [rule.id] })).toMatchObject({ fired: 1 });
    const [alert] = await listAlertsForRule(rule.id);
    expect(alert?.message).toBe(
      "Eval accuracy of vendor name went from 90 % to 60 % (down 30 points), above the 5 points drop threshold",
    );
  });

  it("saves nothing when an admin's threshold is not a number, and audits a change it saves", async () => {
    const admin = await makeUser({ role: "admin" });
    const actor = { id: admin.id, label: admin.email };
    const rule = await createAlertRule({
      kind: "stp_below",
      field: null,
      threshold: 50,
      windowMinutes: 60,
      enabled: false,
    });
    const input = { enabled: true, threshold: "abc", field: "", windowMinutes: "60" };
    expect(await changeAlertRule(rule.id, input, actor)).toEqual({
      ok: false,
      reason: "invalid",
      errors: { threshold: "Enter the threshold as a number, such as 10 or 2.5." },
    });
    expect(await changeAlertRule(rule.id, { ...input, threshold: "120" }, actor)).toMatchObject({
      ok: false,
      errors: { threshold: "A percentage is between 0 and 100." },
    });
    expect(await getAlertRuleById(rule.id)).toMatchObject({ threshold: 50, enabled: false });
    expect(await listAuditForSubject("alert_rule", rule.id)).toEqual([]);

    expect(await changeAlertRule(rule.id, { ...input, threshold: "60" }, actor)).toMatchObject({ ok: true });
    expect(await getAlertRuleById(rule.id)).toMatchObject({ threshold: 60, enabled: true, updatedBy: admin.id });
    expect(await listAuditForSubject("alert_rule", rule.id)).toEqual([
      expect.objectContaining({
        action: "alert_rule.updated",
        before: expect.objectContaining({ threshold: 50, enabled: false }) as unknown,
        after: expect.objectContaining({ threshold: 60, enabled: true }) as unknown,
      }),
    ]);
    expect(await changeAlertRule("00000000-0000-4000-8000-000000000000", input, actor)).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  it("adds an admin's new rule enabled and audited, and adds nothing for a bad one", async () => {
    const admin = await makeUser({ role: "admin" });
    const actor = { id: admin.id, label: admin.email };
    const before = await listRules();
    expect(
      await addRule({ kind: "field_empty_rate_rise", threshold: "5", field: "", windowMinutes: "60" }, actor),
    ).toEqual({
      ok: false,
      errors: { field: "Choose the field this rule watches." },
    });
    expect(await listRules()).toHaveLength(before.length);

    const added = await addRule(
      { kind: "field_empty_rate_rise", threshold: "5", field: "dueDate", windowMinutes: "30" },
      actor,
    );
    if (!added.ok) throw new Error("the rule was refused");
    expect(added.rule).toMatchObject({
      kind: "field_empty_rate_rise",
      field: "dueDate",
      threshold: 5,
      windowMinutes: 30,
      enabled: true,
      updatedBy: admin.id,
    });
    expect(await listAuditForSubject("alert_rule", added.rule.id)).toEqual([
      expect.objectContaining({ action: "alert_rule.created", actorId: admin.id }),
    ]);
  });
});
