/**
 * The characters of a text that accepted matches already cover, so a later match that overlaps one can be refused
 * in time proportional to its own length instead of by comparing it with every earlier match (which made a text
 * of 100 000 currency codes quadratic). Zero-length spans never overlap, as with interval comparison.
 */
export class Taken {
  private covered: Uint8Array | null = null;

  constructor(private readonly length: number) {}

  overlaps(start: number, end: number): boolean {
    if (!this.covered) return false;
    for (let i = Math.max(0, start); i < Math.min(end, this.length); i++) if (this.covered[i] === 1) return true;
    return false;
  }

  take(start: number, end: number): void {
    this.covered ??= new Uint8Array(this.length);
    this.covered.fill(1, Math.max(0, start), Math.min(end, this.length));
  }
}

/** A Taken for the given spans (dates, IBANs) that other matches must not overlap. */
export function takenBy(length: number, spans: readonly { start: number; end: number }[]): Taken {
  const taken = new Taken(length);
  for (const s of spans) taken.take(s.start, s.end);
  return taken;
}
