/** A field or line in the order the page shows them, and whether it still needs a person. */
export type ReviewStop = { name: string; needsPerson: boolean };

/**
 * The next stop after `from` that needs a person and has not been accepted, going round to the top; null when
 * none is left. Without `from` the search starts at the top.
 */
export function nextToReview(
  order: readonly ReviewStop[],
  accepted: ReadonlySet<string>,
  from: string | null,
): string | null {
  const start = from === null ? -1 : order.findIndex((stop) => stop.name === from);
  for (let step = 1; step <= order.length; step++) {
    const stop = order[(start + step + order.length) % order.length];
    if (stop && stop.needsPerson && !accepted.has(stop.name) && stop.name !== from) return stop.name;
  }
  return null;
}

/** The stop a focused control belongs to: `field-totalMinor` is `totalMinor`, `line-2-quantity` is `line-2`. */
export function stopOfControl(id: string): string | null {
  const field = /^field-(.+)$/.exec(id);
  if (field?.[1]) return field[1];
  const line = /^(line-\d+)-/.exec(id);
  return line?.[1] ?? null;
}

/** The control that takes the focus for a stop. */
export function controlOfStop(name: string): string {
  return name.startsWith("line-") ? `${name}-description` : `field-${name}`;
}
