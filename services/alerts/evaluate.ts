import { getAlertRuleById, listEnabledAlertRules, recordAlertEvaluation, type AlertOutcome } from "@/db/queries/alerts";
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

export type AlertsEvaluation = { evaluated: number; fired: number; resolved: number; emailed: number };

/**
 * Evaluates every enabled rule (or only those named) at `at`, one after another, then nudges the mailer when an
 * alert queued emails. What the cron and an admin's "Evaluate now" both run.
 */
export async function evaluateAlertRules(
  options: { at?: Date; ruleIds?: readonly string[] } = {},
): Promise<AlertsEvaluation> {
  const at = options.at ?? new Date();
  const rules = (await listEnabledAlertRules())
    .filter((row) => !options.ruleIds || options.ruleIds.includes(row.id))
    .map(asAlertRule);
  const results: RuleEvaluation[] = [];
  // One rule at a time: each reads the monitor's metrics, and two cores are shared with the pipeline.
  for (const rule of rules) results.push(await evaluateAlertRule(rule, at));
  const summary = {
    evaluated: rules.length,
    fired: results.filter((r) => r.outcome === "fired").length,
    resolved: results.filter((r) => r.outcome === "resolved").length,
    emailed: results.reduce((sum, r) => sum + (r.outcome === "fired" ? r.emailed : 0), 0),
  };
  if (summary.emailed > 0) await nudgeMailer();
  return summary;
}

/** The enabled rules' ids, for the cron to evaluate each in a step of its own. */
export async function listRulesToEvaluate(): Promise<string[]> {
  return (await listEnabledAlertRules()).map((rule) => rule.id);
}

/** Evaluates one rule now, by id; a rule deleted or turned off since it was listed is skipped. */
export async function evaluateAlertRuleNow(ruleId: string): Promise<RuleEvaluation> {
  const row = await getAlertRuleById(ruleId);
  if (!row?.enabled) return { ruleId, outcome: "skipped" };
  return evaluateAlertRule(asAlertRule(row), new Date());
}
