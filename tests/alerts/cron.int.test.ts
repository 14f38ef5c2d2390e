import { describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { db } from "@/db/index";
import { createAlertRule, listAlertsForRule } from "@/db/queries/alerts";
import { alertRules, outboxEmails } from "@/db/schema";
import { until } from "../engine/helpers";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";

// Test timing brings the five-minute cron's ticks a few seconds apart.
const harness = withPipeline({ timeScale: 0.01 });

describe("the evaluate-alerts cron", () => {
  it("runs through the engine on its schedule, fires a broken rule once and emails each admin once", async () => {
    await db().update(alertRules).set({ enabled: false }).where(eq(alertRules.enabled, true));
    const admin = await makeUser({ role: "admin" });
    await makeTask({ createdAt: new Date(Date.now() - 5 * 3_600_000) });
    const rule = await createAlertRule({
      kind: "backlog_age_above",
      field: null,
      threshold: 4,
      windowMinutes: 60,
      enabled: true,
    });

    // A loaded two-core machine has been seen to take over 30 s to start a run.
    const [alert] = await until(
      "an alert opened by the cron",
      async () => {
        const alerts = await listAlertsForRule(rule.id);
        return alerts.length > 0 ? alerts : undefined;
      },
      60_000,
    );
    // Later ticks evaluate the still-firing rule again; it stays one alert with one email per admin.
    const { sql } = harness().engine;
    await until(
      "three completed cron runs that evaluated the rule",
      async () => {
        const [row] = await sql<{ n: string }[]>`
          select count(*) as n from runs where function_id like '%evaluate-alerts' and status = 'Completed'
          and output->>'evaluated' = '1'`;
        return Number(row?.n) >= 3 ? true : undefined;
      },
      60_000,
    );
    expect(await listAlertsForRule(rule.id)).toEqual([expect.objectContaining({ id: alert?.id, resolvedAt: null })]);
    const emails = await db()
      .select()
      .from(outboxEmails)
      .where(like(outboxEmails.idempotencyKey, `alert:${alert?.id ?? ""}:%`));
    expect(emails.map((e) => e.to)).toEqual([admin.email]);

    const [firing] = await sql<{ output: unknown }[]>`
      select output from runs where function_id like '%evaluate-alerts' and status = 'Completed'
      and output->>'fired' = '1'`;
    expect(firing?.output).toMatchObject({ idle: false, fired: 1, evaluated: 1 });
  }, 150_000);
});
