import { allMatches } from "./matches";
import { minorDigits } from "@/domain/money";
import { currencyCodePattern } from "./currency-codes";

export type DecimalSeparator = "," | ".";

export type AmountOptions = {
  /** The document's decimal separator when known; resolves "1,234" / "1.234". */
  decimalSeparator?: DecimalSeparator;
  /** Round half up when the text has more decimals than the currency (unit prices like 0.1250). */
  round?: boolean;
};

const currencyAffix = new RegExp(
  String.raw`^(?:(?:${currencyCodePattern})|US\$|AU?\$|CA?\$|NZ\$|HK\$|S\$|R\$|[€$£¥₹₩₺₽]|Rs\.?|SFr\.?|Fr\.?|zł|kr\.?|Kč|円|R(?=\s?\d))`,
  "u",
);
const currencySuffix = new RegExp(String.raw`(?:(?:${currencyCodePattern})|[€$£¥₹₩₺₽]|zł|kr\.?|Kč|円|Fr\.?)$`, "u");
const groupingSpaces = /[ \u00a0\u202f\u2009]/g;
const apostrophes = /['’ʼ]/g;

/**
 * Reads a money amount written in any common locale into integer minor units of `currency`:
 * "1,234.56", "1.234,56", "1 234,56", "1'234.56", "€ 1.234,56", "USD 1,234.56", "(1,234.56)", "-1.234,56 €".
 * Returns null when the text is not one amount or cannot be represented exactly (unless `round`).
 */
export function parseLocaleAmount(text: string, currency: string, options: AmountOptions = {}): number | null {
  let s = text.trim();
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = stripSign(stripCurrency(s), () => (negative = !negative));
  s = stripCurrency(s);
  // "12,-" / "12,--" is how German and Swiss documents write whole amounts.
  s = s.replace(/([.,])[-–]{1,2}$/, (_, sep: string) => `${sep}00`);
  if (/[-−–]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  s = stripCurrency(s);
  s = s.replace(groupingSpaces, "").replace(apostrophes, "");
  if (!/^\d[\d.,]*\d$|^\d$/.test(s)) return null;

  const digits = digitsOf(currency);
  const parts = splitDecimal(s, digits, options.decimalSeparator, options.round === true);
  if (!parts) return null;
  const minor = toMinor(parts.whole, parts.fraction, digits, options.round === true);
  if (minor === null) return null;
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const value = Number(minor);
  return negative && value !== 0 ? -value : value;
}

const digitCache = new Map<string, number>();

// minorDigits builds an Intl formatter per call; documents parse thousands of amounts in one currency.
function digitsOf(currency: string): number {
  let digits = digitCache.get(currency);
  if (digits === undefined) {
    digits = minorDigits(currency);
    digitCache.set(currency, digits);
  }
  return digits;
}

function stripCurrency(s: string): string {
  let out = s.trim();
  const prefix = currencyAffix.exec(out);
  if (prefix && /\d|[-−(]/.test(out.slice(prefix[0].length).trim().charAt(0))) out = out.slice(prefix[0].length).trim();
  const suffix = currencySuffix.exec(out);
  if (
    suffix &&
    /[\d\-–]/.test(
      out
        .slice(0, out.length - suffix[0].length)
        .trim()
        .slice(-1),
    )
  ) {
    out = out.slice(0, out.length - suffix[0].length).trim();
  }
  return out;
}

function stripSign(s: string, flip: () => void): string {
  if (/^[-−–]/.test(s)) {
    flip();
    return s.slice(1).trim();
  }
  if (s.startsWith("+")) return s.slice(1).trim();
  return s;
}

type Parts = { whole: string; fraction: string };

function splitDecimal(s: string, digits: number, hint: DecimalSeparator | undefined, round: boolean): Parts | null {
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot === -1 && lastComma === -1) return { whole: s, fraction: "" };
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal: DecimalSeparator = lastDot > lastComma ? "." : ",";
    return asDecimal(s, decimal);
  }
  const sep: DecimalSeparator = lastDot !== -1 ? "." : ",";
  const count = s.split(sep).length - 1;
  if (count > 1) return asThousands(s, sep);
  const [before = "", after = ""] = s.split(sep);
  if (after.length !== 3 || before === "0") return asDecimal(s, sep);
  // Exactly three digits after a single separator: "1,234" is a thousand in most places, 1.234 in others.
  if (hint !== undefined) return hint === sep ? (digits >= 3 || round ? asDecimal(s, sep) : null) : asThousands(s, sep);
  return digits === 3 && sep === "." ? asDecimal(s, sep) : asThousands(s, sep);
}

function asDecimal(s: string, decimal: DecimalSeparator): Parts | null {
  const at = s.lastIndexOf(decimal);
  const fraction = s.slice(at + 1);
  const wholeText = s.slice(0, at);
  if (!/^\d+$/.test(fraction)) return null;
  if (wholeText === "") return { whole: "0", fraction };
  const thousands = decimal === "." ? "," : ".";
  if (wholeText.includes(decimal)) return null;
  const whole = wholeText.includes(thousands) ? groupsToDigits(wholeText, thousands) : wholeText;
  return whole === null ? null : { whole, fraction };
}

function asThousands(s: string, sep: DecimalSeparator): Parts | null {
  const whole = groupsToDigits(s, sep);
  return whole === null ? null : { whole, fraction: "" };
}

/** Validates digit grouping: last group of three, earlier groups of two or three (Indian lakh grouping). */
function groupsToDigits(s: string, sep: string): string | null {
  const groups = s.split(sep);
  const last = groups.at(-1) ?? "";
  if (last.length !== 3) return null;
  const [first = "", ...middle] = groups.slice(0, -1);
  if (!/^\d{1,3}$/.test(first)) return null;
  if (!middle.every((g) => /^\d{2,3}$/.test(g))) return null;
  const lengths = new Set(middle.map((g) => g.length));
  if (lengths.size > 1) return null;
  return groups.join("");
}

function toMinor(whole: string, fraction: string, digits: number, round: boolean): bigint | null {
  if (!/^\d+$/.test(whole) || (fraction !== "" && !/^\d+$/.test(fraction))) return null;
  let kept = fraction.slice(0, digits);
  const extra = fraction.slice(digits);
  let carry = 0n;
  if (/[1-9]/.test(extra)) {
    if (!round) return null;
    if (Number(extra.charAt(0)) >= 5) carry = 1n;
  }
  kept = kept.padEnd(digits, "0");
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt(kept === "" ? "0" : kept) + carry;
}

/** A number-looking run in a line of text, with what surrounds it. */
export type NumberToken = {
  start: number;
  end: number;
  /** The number with sign, parentheses and adjacent currency marker, as written. */
  text: string;
  /** Where the numeric core starts and ends (without currency marker, sign or parentheses). */
  coreStart: number;
  coreEnd: number;
  percent: boolean;
  currencyMarked: boolean;
  /** Letters glued to the end of the number ("2h", "10pcs"), lower-cased. */
  unit: string;
};

export type TokenOptions = { spaceGrouping?: boolean };

const coreWithSpaces =
  /\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?![\d.,])|\d+(?:[.,'’]\d+)*(?:[.,][-–]{1,2})?/gu;
const coreNoSpaces = /\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d.,])|\d+(?:[.,'’]\d+)*(?:[.,][-–]{1,2})?/gu;
const markerBefore = new RegExp(
  String.raw`(?:(?<![A-Za-z])(?:${currencyCodePattern})|US\$|AU?\$|CA?\$|NZ\$|HK\$|S\$|R\$|[€$£¥₹₩₺₽]|Rs\.?|SFr\.?|Fr\.|zł|(?<![\p{L}\d])R)\s?(?:[-−]\s?)?$`,
  "u",
);
// A bare "R" is the rand only before an amount with cents ("R650.00"); before "12" it is a letter ("Room R 12").
const bareRand = /(?<![\p{L}\d])R\s?$/u;
const markerAfter = new RegExp(String.raw`^\s?(?:(?:${currencyCodePattern})\b|[€$£¥₹₩₺₽]|zł|kr\b|Kč|円)`, "u");

// Longer than any currency marker with its sign and spaces, plus the character its lookbehind inspects.
const markerReach = 32;

/** Finds numbers in one line, skipping digits that are part of identifiers ("INV-2025", "A4"). */
export function findNumberTokens(line: string, options: TokenOptions = {}): NumberToken[] {
  const re = options.spaceGrouping ? coreWithSpaces : coreNoSpaces;
  const out: NumberToken[] = [];
  let lastEnd = 0;
  for (const m of allMatches(re, line)) {
    const coreStart = m.index;
    let coreText = m[0];
    // A trailing "." closes a sentence, not a number.
    if (/[.,]$/.test(coreText)) coreText = coreText.slice(0, -1);
    const coreEnd = coreStart + coreText.length;
    // What precedes a number matters only near it; the whole prefix made every token cost the line's length.
    const before = line.slice(Math.max(0, coreStart - markerReach), coreStart);
    const after = line.slice(coreEnd);
    if (/\p{L}$/u.test(before) && !markerBefore.test(before)) continue;
    if (/[\p{L}\d][-/.#_]$/u.test(before)) continue;
    if (/^[-/_][\p{L}\d]/u.test(after)) continue;
    const glued = /^\p{L}+/u.exec(after)?.[0] ?? "";
    const randWithoutCents = bareRand.test(before) && !/\.\d{2}$/.test(coreText);
    if (randWithoutCents) continue;
    const markerB =
      coreStart - (markerBefore.exec(before)?.[0].length ?? 0) >= lastEnd ? markerBefore.exec(before) : null;
    const markerA = markerAfter.exec(after);
    let start = coreStart;
    let end = coreEnd;
    if (markerB) start -= markerB[0].length;
    if (markerA) end += markerA[0].length;
    else if (/^[-−](?!\d)/.test(after)) end += 1;
    if (!markerB && /[-−]\s?$/.test(before) && !/[\p{L}\d][-−]\s?$/u.test(before)) {
      start -= /[-−]\s?$/.exec(before)?.[0].length ?? 0;
    }
    // A credit note's "-£444.00": the sign stands before the currency marker.
    const signed = markerB ? /(?<![\p{L}\d])[-−]\s?$/u.exec(line.slice(Math.max(0, start - 3), start)) : null;
    if (signed) start -= signed[0].length;
    if (line.charAt(start - 1) === "(" && line.charAt(end) === ")") {
      start -= 1;
      end += 1;
    }
    const percent = /^\s?%/.test(after);
    lastEnd = end;
    out.push({
      start,
      end,
      text: line.slice(start, end),
      coreStart,
      coreEnd,
      percent,
      currencyMarked: markerB !== null || markerA !== null,
      unit: markerA ? "" : glued.toLowerCase(),
    });
  }
  return out;
}

/**
 * Guesses the decimal separator a document uses from its unambiguous amounts ("1.234,56" or "12,50" vs "1,234.56").
 * Returns null when the text gives no sign either way.
 */
export function inferDecimalSeparator(text: string): DecimalSeparator | null {
  let comma = 0;
  let dot = 0;
  for (const m of text.matchAll(/(?<![\d.,])\d{1,3}(?:([.,' \u00a0\u202f])\d{3})*([.,])(\d{1,2})(?![\d.,]|\.\d)/gu)) {
    const [, thousands, decimal] = m;
    if (thousands !== undefined && thousands === decimal) continue;
    if (decimal === ",") comma += 1;
    else dot += 1;
  }
  if (comma === dot) return null;
  return comma > dot ? "," : ".";
}

/** Whether the document groups thousands with plain spaces ("1 234,56"), so "1 234" is one number. */
export function usesSpaceGrouping(text: string): boolean {
  // "R 45 250.00", "USD 12 500.00": a currency marker before the number shows the spaces group it, not a quantity column.
  return /(?<![\d.,])\d{1,3}(?: \d{3})+,\d{2}(?!\d)|(?:(?<![\p{L}\d])R|\b[A-Z]{3}|[€$£])\s?\d{1,3}(?: \d{3})+\.\d{2}(?!\d)/u.test(
    text,
  );
}
