import { listAlertRules, listAlertsResolvedBetween, listOpenAlerts, type AlertWithRule } from "@/db/queries/alerts";
import type { AlertRuleRow } from "@/db/schema";

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
