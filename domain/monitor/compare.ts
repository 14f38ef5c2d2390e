/** A rate now against its baseline, in percentage points: what a reader and an alert rule compare. */
export type Comparison = { current: number | null; baseline: number | null; deltaPoints: number | null };

export function compareRates(current: number | null, baseline: number | null): Comparison {
  return {
    current,
    baseline,
    deltaPoints: current === null || baseline === null ? null : Math.round((current - baseline) * 1000) / 10,
  };
}

/** A share as people read it: "12.5 %", or "no data" when there was nothing to share. */
export function formatShare(share: number | null): string {
  return share === null ? "no data" : `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}

/** A change in points with its sign: "+2.0 pts", "−1.5 pts", "no baseline". */
export function formatPoints(points: number | null): string {
  if (points === null) return "no baseline";
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  return `${sign}${Math.abs(points).toFixed(1)} pts`;
}
