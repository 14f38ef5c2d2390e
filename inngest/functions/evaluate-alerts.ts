import { inngest } from "@/services/events/client";
import { evaluateAlertRules } from "@/services/alerts/evaluate";

/**
 * Evaluates every enabled alert rule every five minutes, in one step. Each rule is recorded in its own transaction
 * under its row lock, keyed so that a retried step or an overlapping run opens no second alert and sends no second
 * email; one step per rule would buy nothing but a dozen calls a run, and a rule that cannot be read is logged and
 * left to the next run without holding back the others. The service nudges the mailer when an alert queued emails.
 */
export const evaluateAlerts = inngest.createFunction(
  { id: "evaluate-alerts", name: "Evaluate alert rules", triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => {
    const result = await step.run("evaluate-rules", () => evaluateAlertRules());
    // idle: the Runs view hides the runs that found nothing to do (services/runs/runs.ts).
    return { idle: result.fired === 0 && result.resolved === 0 && result.failed === 0, ...result };
  },
);
