/** A span of time the monitor measures, half-open: `from` is in it, `to` is not. */
export type MetricWindow = { from: Date; to: Date };

/** The window of the same length just before: what a period is compared against. */
export function baselineOf(window: MetricWindow): MetricWindow {
  const length = window.to.getTime() - window.from.getTime();
  return { from: new Date(window.from.getTime() - length), to: new Date(window.from.getTime()) };
}

/** A share of a count, or null when there is nothing to share: "no documents" is not "0 %". */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
