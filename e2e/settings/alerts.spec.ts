import { eq, like } from "drizzle-orm";
import { db } from "@/db/index";
import {
  createAlertRule,
  getAlertRuleById,
  listAlertRules,
  listAlertsForRule,
  updateAlertRule,
} from "@/db/queries/alerts";
import { listAuditForSubject } from "@/db/queries/audit";
import { outboxEmails, tasks } from "@/db/schema";
import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";

const alertEmailsOf = (alertId: string) =>
  db()
    .select({ to: outboxEmails.to, subject: outboxEmails.subject })
    .from(outboxEmails)
    .where(like(outboxEmails.idempotencyKey, `alert:${alertId}:%`));

test("an admin edits an alert rule, and a threshold that is not a number is refused beside it with nothing saved", async ({
  page,
  signInAs,
}) => {
  const admin = await signInAs("admin");
  // Only this spec makes a corrections rule on payment terms; made off, so no evaluation reads it meanwhile.
  const rule = await createAlertRule({
    kind: "field_correction_rate_rise",
    field: "paymentTerms",
    threshold: 10,
    windowMinutes: 45,
    enabled: false,
  });
  await page.goto("/settings/alerts");
  const form = page.getByRole("form", { name: "Corrections rising: payment terms" });
  await expect(form.getByLabel("Threshold (points)")).toHaveValue("10");

  await form.getByLabel("Threshold (points)").fill("ten");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(form.getByText("Enter the threshold as a number, such as 10 or 2.5.")).toBeVisible();
  await expect(form.getByLabel("Threshold (points)")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Threshold (points)")).toHaveValue("ten");
  expect(await getAlertRuleById(rule.id)).toMatchObject({ threshold: 10, windowMinutes: 45, updatedBy: null });

  await form.getByLabel("Threshold (points)").fill("12.5");
  await form.getByLabel("Window (minutes)").fill("90");
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect
    .poll(async () => await getAlertRuleById(rule.id))
    .toMatchObject({ threshold: 12.5, windowMinutes: 90, enabled: false, updatedBy: admin.id });
  await expect(form.getByLabel("Threshold (points)")).toHaveValue("12.5");
  await expect(form.getByText("Enter the threshold as a number, such as 10 or 2.5.")).toHaveCount(0);
  const [entry] = await listAuditForSubject("alert_rule", rule.id);
  expect(entry).toMatchObject({
    action: "alert_rule.updated",
    actorId: admin.id,
    before: { threshold: 10, windowMinutes: 45 },
    after: { threshold: 12.5, windowMinutes: 90 },
  });
});

test("an admin adds a rule, refused beside the threshold until it is a number", async ({ page, signInAs }) => {
  const admin = await signInAs("admin");
  // Only this spec adds a corrections rule on the due date.
  const dueDateRules = async () =>
    (await listAlertRules()).filter((r) => r.kind === "field_correction_rate_rise" && r.field === "dueDate");
  await page.goto("/settings/alerts");
  await page.getByRole("button", { name: "Add rule" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a rule" });
  await dialog.getByLabel("Watches").selectOption({ label: "Corrections rising" });
  await dialog.getByLabel("Field").selectOption({ label: "due date" });
  await dialog.getByLabel("Threshold").fill("a lot");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog.getByText("Enter the threshold as a number, such as 10 or 2.5.")).toBeVisible();
  expect(await dueDateRules()).toEqual([]);

  // A rise of more than 100 points cannot happen: the rule is real but never fires on other specs' data.
  await dialog.getByLabel("Threshold").fill("100");
  await dialog.getByRole("button", { name: "Add rule" }).click();
  await expect(dialog).toHaveCount(0);
  const form = page.getByRole("form", { name: "Corrections rising: due date" });
  await expect(form.getByLabel("Threshold (points)")).toHaveValue("100");
  await expect(form.getByLabel("Enabled")).toBeChecked();
  const [rule] = await dueDateRules();
  expect(rule).toMatchObject({ threshold: 100, windowMinutes: 60, enabled: true, updatedBy: admin.id });
  if (rule)
    await updateAlertRule(
      rule.id,
      { enabled: false, threshold: 100, field: "dueDate", windowMinutes: 60 },
      { id: admin.id, label: admin.email },
      "the e2e spec turned the rule off",
    );
});

test("a rule that fires opens one alert, shown on the monitor and emailed once to each admin", async ({
  page,
  signInAs,
}) => {
  const admin = await signInAs("admin");
  // A task of this spec's own that has waited an hour: whatever else is open, the oldest open task is at least that old.
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 4_200 });
  await db()
    .update(tasks)
    .set({ createdAt: new Date(Date.now() - 3_600_000) })
    .where(eq(tasks.id, task.id));
  // 0.3 hours is this spec's threshold alone (the default backlog rule is at 48), so its alert reads as its own.
  const rule = await createAlertRule({
    kind: "backlog_age_above",
    field: null,
    threshold: 0.3,
    windowMinutes: 60,
    enabled: true,
  });
  try {
    const { evaluateAlertRules } = await import("@/services/alerts/evaluate");
    // The cron may evaluate the rule too; however many evaluations run, the rule has one alert.
    for (let i = 0; i < 3; i++) await evaluateAlertRules({ ruleIds: [rule.id] });
    const alerts = await listAlertsForRule(rule.id);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0];
    if (!alert) throw new Error("the rule opened no alert");
    expect(alert.resolvedAt).toBeNull();
    expect(alert.message).toMatch(/^The oldest open task has waited [\d.]+ hours, above the 0\.3 hours threshold$/);

    const emails = await alertEmailsOf(alert.id);
    const recipients = emails.map((e) => e.to);
    expect(recipients).toContain(admin.email);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(emails.every((e) => e.subject === "Keel alert: Backlog age")).toBe(true);

    await page.goto("/monitor");
    const firing = page
      .getByRole("region", { name: "Alerts", exact: true })
      .getByRole("table", { name: "Firing alerts" });
    await expect(
      firing.getByRole("row").filter({ hasText: "above the 0.3 hours threshold" }).filter({ hasText: "Backlog age" }),
    ).toHaveCount(1);

    await page.goto("/settings/mailbox");
    const mine = page
      .getByRole("listitem")
      .filter({ hasText: `To ${admin.email}` })
      .filter({ hasText: `(alert ${alert.id})` });
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText("Keel alert: Backlog age");
    await expect(mine).toContainText("above the 0.3 hours threshold");
  } finally {
    // Turned off, the rule resolves its alert and fires on nobody else's data later in the run.
    await updateAlertRule(
      rule.id,
      { enabled: false, threshold: 0.3, field: null, windowMinutes: 60 },
      { id: admin.id, label: admin.email },
      "the e2e spec turned the rule off",
    );
  }
});

test("an approver gets 403 on Settings → Alerts", async ({ page, signInAs }) => {
  await signInAs("approver");
  const response = await page.goto("/settings/alerts");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save rule" })).toHaveCount(0);
});

test("Settings → Alerts fits a 390 px screen without scrolling sideways", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/settings/alerts");
  await expect(page.getByRole("heading", { name: "Rules" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test("a rate rule says how many cases it needs before it is judged", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/settings/alerts");
  // Both are among the rules every Keel starts with.
  await expect(page.getByRole("form", { name: "Straight-through rate low" })).toContainText(
    "judged once at least 10 documents were decided in the window.",
  );
  await expect(page.getByRole("form", { name: "Model errors" })).toContainText(
    "judged once at least 20 calls were made in the window.",
  );
});
