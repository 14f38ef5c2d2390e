import { addAlertRule } from "@/db/queries/alerts";
import type { Actor } from "@/db/queries/audit";
import type { AlertRuleRow } from "@/db/schema";
import { checkNewAlertRule, type AlertRuleErrors } from "@/domain/alerts/rule";

/** A rule an admin adds, checked against its kind; nothing is saved unless every field is right. */
export async function addRule(
  input: { kind: string; threshold: string; field: string; windowMinutes: string },
  actor: Actor,
): Promise<{ ok: true; rule: AlertRuleRow } | { ok: false; errors: AlertRuleErrors & { kind?: string } }> {
  const checked = checkNewAlertRule(input);
  if (!checked.ok) return checked;
  return { ok: true, rule: await addAlertRule(checked.rule, actor) };
}
