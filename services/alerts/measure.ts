import type { AlertReading } from "@/domain/alerts/evaluate";
import { pickDrop, ruleWindows } from "@/domain/alerts/evaluate";
import type { AlertRule } from "@/domain/alerts/rule";
import { latestFieldDrops } from "@/services/evals/drift";
import {
  failureCount,
  fieldStats,
  modelCallStats,
  oldestOpenTaskAgeHours,
  straightThrough,
} from "@/services/monitor/metrics";

/** A field's rate in a window, or null when no document in it had the field to measure. */
async function fieldRate(
  window: { from: Date; to: Date },
  field: string | null,
  rate: "emptyRate" | "correctionRate",
): Promise<number | null> {
  const stats = await fieldStats(window);
  return stats.find((s) => s.field === field)?.[rate] ?? null;
}

/**
 * What a rule's metric reads at `at`, through the monitor's own metrics so the alert and the plot agree. Windows end
 * at `at`; a rise compares with the window of the same length just before.
 */
export async function measure(rule: AlertRule, at: Date): Promise<AlertReading> {
  const { current, baseline } = ruleWindows(at, rule.windowMinutes);
  switch (rule.kind) {
    case "field_empty_rate_rise":
    case "field_correction_rate_rise": {
      const rate = rule.kind === "field_empty_rate_rise" ? "emptyRate" : "correctionRate";
      const [now, before] = await Promise.all([
        fieldRate(current, rule.field, rate),
        fieldRate(baseline, rule.field, rate),
      ]);
      return { kind: rule.kind, current: now, baseline: before };
    }
    case "stp_below": {
      const stp = await straightThrough(current);
      return { kind: rule.kind, rate: stp.rate, decided: stp.decided };
    }
    case "failures_per_hour_above":
      return { kind: rule.kind, failures: await failureCount(current), windowMinutes: rule.windowMinutes };
    case "model_error_rate_above": {
      const calls = await modelCallStats(current);
      return { kind: rule.kind, errorRate: calls.errorRate, calls: calls.calls, errors: calls.errors };
    }
    case "backlog_age_above":
      // Nothing open is a backlog of age zero, not missing data: an alert on an old backlog resolves when it clears.
      return { kind: rule.kind, oldestHours: (await oldestOpenTaskAgeHours(at)) ?? 0 };
    case "eval_accuracy_drop":
      return { kind: rule.kind, drop: pickDrop(await latestFieldDrops(), rule.field) };
  }
}
