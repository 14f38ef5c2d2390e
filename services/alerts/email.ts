import type { AlertRow } from "@/db/schema";
import { alertRuleKindSpecs } from "@/domain/alerts/kinds";
import type { AlertRule } from "@/domain/alerts/rule";
import { fieldLabel, isExtractionFieldName } from "@/domain/documents/fields";
import { formatUtc } from "@/lib/format";
import { appUrl } from "@/services/mail/links";

/** A rule's name as people read it: its kind, and the field it watches. */
export function ruleTitle(rule: Pick<AlertRule, "kind" | "field">): string {
  const label = alertRuleKindSpecs[rule.kind].label;
  return rule.field && isExtractionFieldName(rule.field) ? `${label}: ${fieldLabel(rule.field, null)}` : label;
}

/** The one email each admin gets when a rule starts firing; nothing more is sent until it resolves and fires again. */
export function alertEmail(
  rule: Pick<AlertRule, "kind" | "field">,
  alert: AlertRow,
): { subject: string; body: string } {
  const base = appUrl();
  return {
    subject: `Keel alert: ${ruleTitle(rule)}`,
    body: [
      `${alert.message}.`,
      "",
      `Firing since ${formatUtc(alert.startedAt)} (alert ${alert.id}).`,
      "Keel sends this once: the alert resolves by itself when the value is back within the threshold, and a later firing is a new alert with its own email.",
      "",
      `The monitor: ${base}/monitor`,
      `The rules: ${base}/settings/alerts`,
    ].join("\n"),
  };
}
