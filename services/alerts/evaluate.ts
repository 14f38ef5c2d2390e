import { listEnabledAlertRules, recordAlertEvaluation, type AlertOutcome } from "@/db/queries/alerts";
import { evaluate } from "@/domain/alerts/evaluate";
import type { AlertRule } from "@/domain/alerts/rule";
import { logger } from "@/lib/logger";
import { nudgeMailer } from "@/services/mail/nudge";
import { alertEmail } from "./email";
import { measure } from "./measure";
import { asAlertRule } from "./rules";

export type RuleEvaluation = { ruleId: string } & AlertOutcome;

/**
 * Evaluates one rule at `at` and records what it found: a new alert (with its emails queued), an open one still
 * firing or resolved, or nothing. A rule whose metric has no data is left as it is, firing or not.
 */
export async function evaluateAlertRule(rule: AlertRule, at: Date): Promise<RuleEvaluation> {
  const verdict = evaluate(rule, await measure(rule, at));
  if (!verdict) return { ruleId: rule.id, outcome: "skipped" };
  const outcome = await recordAlertEvaluation(rule.id, verdict, at, (alert) => alertEmail(rule, alert));
  if (outcome.outcome === "fired" || outcome.outcome === "resolved")
    logger.info({ alertId: outcome.alertId, ruleId: rule.id, kind: rule.kind }, `alert ${outcome.outcome}`);
  return { ruleId: rule.id, ...outcome };
}

export type AlertsEvaluation = { evaluated: number; fired: number; resolved: number; emailed: number; failed: number };

async function evaluateOrLog(rule: AlertRule, at: Date): Promise<RuleEvaluation | "failed"> {
  try {
    return await evaluateAlertRule(rule, at);
  } catch (error) {
    // One rule whose metric cannot be read (its tables busy or missing) must not keep the others from firing.
    logger.error(
      { ruleId: rule.id, kind: rule.kind, err: error },
      "could not evaluate an alert rule; the next run tries again",
    );
    return "failed";
  }
}

/**
 * Evaluates every enabled rule (or only those named) at `at`, one after another, then nudges the mailer when an
 * alert queued emails. What the cron and an admin's "Evaluate now" both run; running it twice at once, or again
 * after a crash, records each alert once and emails each admin once, so a retry repeats nothing.
 */
export async function evaluateAlertRules(
  options: { at?: Date; ruleIds?: readonly string[] } = {},
): Promise<AlertsEvaluation> {
  const at = options.at ?? new Date();
  const rules = (await listEnabledAlertRules())
    .filter((row) => !options.ruleIds || options.ruleIds.includes(row.id))
    .map(asAlertRule);
  const results: (RuleEvaluation | "failed")[] = [];
  // One rule at a time: each reads the monitor's metrics, and two cores are shared with the pipeline.
  for (const rule of rules) results.push(await evaluateOrLog(rule, at));
  const done = results.filter((r) => r !== "failed");
  const summary = {
    evaluated: rules.length,
    fired: done.filter((r) => r.outcome === "fired").length,
    resolved: done.filter((r) => r.outcome === "resolved").length,
    emailed: done.reduce((sum, r) => sum + (r.outcome === "fired" ? r.emailed : 0), 0),
    failed: results.length - done.length,
  };
  if (summary.emailed > 0) await nudgeMailer();
  return summary;
}
