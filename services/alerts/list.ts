import { listAlertRules, listAlertsResolvedBetween, listOpenAlerts, type AlertWithRule } from "@/db/queries/alerts";
import type { AlertRuleRow } from "@/db/schema";
import { ruleTitle } from "./email";

export type { AlertWithRule };

/** The alerts firing now, oldest first: what the monitor and Settings → Alerts show at the top. */
export function listFiringAlerts(): Promise<AlertWithRule[]> {
  return listOpenAlerts();
}

/** The alerts that resolved in a period, newest first. */
export function listResolvedAlerts(window: { from: Date; to: Date }, limit = 50): Promise<AlertWithRule[]> {
  return listAlertsResolvedBetween(window, limit);
}

/** Every rule, in the order they were made: the defaults first. */
export function listRules(): Promise<AlertRuleRow[]> {
  return listAlertRules();
}

/** An alert as pages list it: its rule's title and its sentences. */
export function alertLine(alert: AlertWithRule) {
  return {
    id: alert.id,
    rule: ruleTitle(alert.rule),
    message: alert.message,
    resolvedMessage: alert.resolvedMessage,
    startedAt: alert.startedAt,
    resolvedAt: alert.resolvedAt,
    lastEvaluatedAt: alert.lastEvaluatedAt,
  };
}
