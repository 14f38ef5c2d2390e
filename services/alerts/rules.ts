import type { AlertRuleRow } from "@/db/schema";
import type { AlertRule } from "@/domain/alerts/rule";

/** A stored rule as the domain reads it. */
export const asAlertRule = (row: AlertRuleRow): AlertRule => ({
  id: row.id,
  kind: row.kind,
  field: row.field,
  threshold: row.threshold,
  windowMinutes: row.windowMinutes,
  enabled: row.enabled,
});
