import { inngest } from "@/services/events/client";
import { evaluateAlertRuleNow, listRulesToEvaluate } from "@/services/alerts/evaluate";
import { nudgeMailer } from "@/services/mail/nudge";

/**
 * Evaluates every enabled alert rule every five minutes. One step per rule: a rule whose metric cannot be read
 * (the database busy, the eval runs missing) is retried alone, and the rules already recorded are not run again.
 * Each step records its rule in one transaction under the rule's lock, so an overlapping run cannot fire twice.
 */
export const evaluateAlerts = inngest.createFunction(
  { id: "evaluate-alerts", name: "Evaluate alert rules", triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => {
    const ruleIds = await step.run("list-rules", () => listRulesToEvaluate());
    const outcomes = [];
    for (const ruleId of ruleIds)
      outcomes.push(await step.run(`evaluate-${ruleId}`, () => evaluateAlertRuleNow(ruleId)));
    const fired = outcomes.filter((o) => o.outcome === "fired").length;
    const resolved = outcomes.filter((o) => o.outcome === "resolved").length;
    if (fired > 0) await step.run("nudge-mailer", () => nudgeMailer());
    // idle: the Runs view hides the runs that found nothing to do (services/runs/runs.ts).
    return { idle: fired === 0 && resolved === 0, evaluated: ruleIds.length, fired, resolved };
  },
);
