import { z } from "zod";
import { formatMoney, minorDigits } from "./money";

/**
 * One rate as Keel keeps it, in the ECB's convention: one unit of `base` buys `rate` units of `currency`
 * (base EUR, USD 1.0832 means 1 EUR = 1.0832 USD). `rate` is an exact decimal string, never a float;
 * `effectiveFrom` is a day, YYYY-MM-DD, from which the rate applies until a later one for the same currency.
 */
export type ExchangeRate = { base: string; currency: string; rate: string; effectiveFrom: string };

/** The rates in force on one day (`on`): for each currency, the latest one effective on or before it. */
export type RateBook = { base: string; on: string; rates: Readonly<Record<string, ExchangeRate>> };

/** An amount converted for a decision: what was converted, what it came to, and the rate(s) used. */
export type Conversion = {
  fromMinor: number;
  fromCurrency: string;
  toMinor: number;
  toCurrency: string;
  /** The day whose rates were used. */
  on: string;
  /** One leg when either currency is the base, two (through the base) otherwise. */
  legs: ExchangeRate[];
};

export type ConversionResult = { ok: true; conversion: Conversion } | { ok: false; reason: string };

const rateShape = /^(\d{1,14})(?:\.(\d{1,10}))?$/;

/**
 * A rate as typed or imported, checked and normalised ("090.3900" → "90.39"); null with what to fix otherwise.
 * Ten decimals and fourteen whole digits are what the `numeric(24, 10)` column keeps.
 */
export function parseRate(text: string): { ok: true; rate: string } | { ok: false; message: string } {
  const match = rateShape.exec(text.trim());
  if (!match)
    return {
      ok: false,
      message: `Write the rate as a plain decimal with a point, such as 1.0832 (at most 10 decimals); "${text.trim()}" is not one.`,
    };
  const whole = (match[1] ?? "0").replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (/^0*$/.test(whole + fraction)) return { ok: false, message: "A rate must be above 0." };
  return { ok: true, rate: fraction ? `${whole}.${fraction}` : whole };
}

/** The exact value of a decimal string as a fraction of integers. */
function fraction(rate: string): { n: bigint; d: bigint } {
  const [whole = "0", decimals = ""] = rate.split(".");
  return { n: BigInt(whole + decimals), d: 10n ** BigInt(decimals.length) };
}

/** Division rounded towards +∞, so a converted amount is never smaller than the exact value. */
function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

/**
 * Converts `minor` units of `from` into `to` with the book's rates, through the base currency when neither is it.
 * Exact arithmetic on integers, rounded once at the end up to the next minor unit of `to` (towards +∞): a limit
 * check on the result can only err on the side of refusing. A missing rate is a sentence saying what to add.
 */
export function convert(minor: number, from: string, to: string, book: RateBook): ConversionResult {
  const legOf = (currency: string) => (currency === book.base ? null : book.rates[currency]);
  const fromLeg = legOf(from);
  const toLeg = legOf(to);
  const missing = [from, to].filter((c, i) => c !== book.base && (i === 0 ? fromLeg : toLeg) === undefined);
  if (missing.length > 0) return { ok: false, reason: missingRateReason(missing, book) };
  const fromRate = fromLeg ? fraction(fromLeg.rate) : { n: 1n, d: 1n };
  const toRate = toLeg ? fraction(toLeg.rate) : { n: 1n, d: 1n };
  // minor/10^dFrom units of `from` → divide by fromRate to reach the base → multiply by toRate → ×10^dTo minor units.
  const numerator = BigInt(minor) * 10n ** BigInt(minorDigits(to)) * toRate.n * fromRate.d;
  const denominator = 10n ** BigInt(minorDigits(from)) * toRate.d * fromRate.n;
  const converted = ceilDiv(numerator, denominator);
  if (converted > BigInt(Number.MAX_SAFE_INTEGER) || converted < -BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, reason: `${formatMoney({ minor, currency: from })} is too large to convert into ${to}.` };
  }
  const legs = [fromLeg, toLeg].filter((leg): leg is ExchangeRate => leg !== null && leg !== undefined);
  return {
    ok: true,
    conversion: { fromMinor: minor, fromCurrency: from, toMinor: Number(converted), toCurrency: to, on: book.on, legs },
  };
}

export function missingRateReason(currencies: readonly string[], book: Pick<RateBook, "base" | "on">): string {
  const list = currencies.join(" and ");
  return `No exchange rate for ${list} against ${book.base} is in effect on ${book.on}; an admin adds it in Settings → Exchange rates.`;
}

/** "$1,000.00 = €923.19 at 1 EUR = 1.0832 USD (effective 2026-01-02)", for the task page and the decision record. */
export function describeConversion(c: Conversion): string {
  const amounts = `${formatMoney({ minor: c.fromMinor, currency: c.fromCurrency })} = ${formatMoney({ minor: c.toMinor, currency: c.toCurrency })}`;
  const legs = c.legs.map((l) => `1 ${l.base} = ${l.rate} ${l.currency} (effective ${l.effectiveFrom})`);
  return `${amounts} at ${legs.join(" and ")}`;
}

/** The day whose rates a decision uses: today in UTC, the day the money is committed (see the README). */
export function rateDay(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const rateSchema = z.object({ base: z.string(), currency: z.string(), rate: z.string(), effectiveFrom: z.string() });

/** A conversion as a decision record stores it (task parameters, audit), read back for display. */
export const conversionSchema = z.object({
  fromMinor: z.number(),
  fromCurrency: z.string(),
  toMinor: z.number(),
  toCurrency: z.string(),
  on: z.string(),
  legs: z.array(rateSchema),
});
