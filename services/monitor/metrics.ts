import {
  selectFailureCount,
  selectFieldStats,
  selectModelCallTotals,
  selectOldestOpenTaskAgeHours,
  selectStraightThrough,
  type FieldStat,
} from "@/db/queries/monitor/contract";
import { rate, type MetricWindow } from "@/domain/monitor/window";

/**
 * The monitor's headline numbers, one function each, shared by the Monitor page and the alert rules so both say the
 * same thing. Every window is half-open, [from, to).
 */
export type { FieldStat, MetricWindow };

export function fieldStats(window: MetricWindow): Promise<FieldStat[]> {
  return selectFieldStats(window);
}

export async function straightThrough(
  window: MetricWindow,
): Promise<{ decided: number; autoPosted: number; rate: number | null }> {
  const { decided, autoPosted } = await selectStraightThrough(window);
  return { decided, autoPosted, rate: rate(autoPosted, decided) };
}

/** Documents that failed in the window and still stand failed: a replay that succeeded takes one back. */
export function failureCount(window: MetricWindow): Promise<number> {
  return selectFailureCount(window);
}

export async function modelCallStats(
  window: MetricWindow,
): Promise<{ calls: number; errors: number; errorRate: number | null }> {
  const { calls, errors } = await selectModelCallTotals(window);
  return { calls, errors, errorRate: rate(errors, calls) };
}

/** How long the oldest task still open at `at` has waited, in hours; null when nothing is open. */
export function oldestOpenTaskAgeHours(at: Date): Promise<number | null> {
  return selectOldestOpenTaskAgeHours(at);
}
