const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * The longest delay the engine stores: `now() + delay` must stay a valid timestamp (PostgreSQL's end at 294276 AD)
 * whatever a duration says ("99999999w", or so many digits it reads as Infinity). A thousand years is never in practice.
 */
export const MAX_DELAY_MS = 1_000 * 365 * 86_400_000;

/** A delay as the engine stores it: whole milliseconds from 0 to MAX_DELAY_MS. */
export function storedDelayMs(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_DELAY_MS, Math.max(0, Math.round(ms)));
}

/**
 * Milliseconds in an Inngest duration ("1h30m", "500ms", "2d") or until an ISO date (sleepUntil sends a date).
 * Empty means zero: an empty waitForEvent timeout expires at once, as on Inngest's server.
 */
export function durationMs(input: string | number | undefined | null, now = Date.now()): number {
  if (input === undefined || input === null || input === "") return 0;
  if (typeof input === "number") return Math.max(0, input);
  if (/^\d{4}-\d{2}-\d{2}T/.test(input)) {
    const at = Date.parse(input);
    if (Number.isNaN(at)) throw new Error(`Invalid date "${input}"`);
    return Math.max(0, at - now);
  }
  let total = 0;
  let consumed = "";
  for (const match of input.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
    const [whole, amount, unit] = match;
    total += Number(amount) * (UNIT_MS[unit ?? ""] ?? 0);
    consumed += whole;
  }
  if (consumed !== input.replaceAll(" ", "")) throw new Error(`Invalid duration "${input}"`);
  return total;
}

/** A Retry-After value as the SDK sends it: whole seconds, or an HTTP/ISO date. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
