import { getAlertRuleById, updateAlertRule } from "@/db/queries/alerts";
import type { Actor } from "@/db/queries/audit";
import type { AlertRuleRow } from "@/db/schema";
import { checkAlertRuleChange, type AlertRuleChangeInput, type AlertRuleErrors } from "@/domain/alerts/rule";

export type UpdateAlertRuleResult =
  | { ok: true; rule: AlertRuleRow }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; errors: AlertRuleErrors };

/** An admin's change to a rule, checked against its kind; nothing is saved unless every field is right. */
export async function changeAlertRule(
  id: string,
  input: AlertRuleChangeInput,
  actor: Actor,
): Promise<UpdateAlertRuleResult> {
  const rule = await getAlertRuleById(id);
  if (!rule) return { ok: false, reason: "not_found" };
  const checked = checkAlertRuleChange(rule.kind, input, rule);
  if (!checked.ok) return { ok: false, reason: "invalid", errors: checked.errors };
  const saved = await updateAlertRule(id, checked.change, actor, `${actor.label} turned the rule off`);
  return saved ? { ok: true, rule: saved } : { ok: false, reason: "not_found" };
}
