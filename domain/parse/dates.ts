import { allMatches } from "./matches";
import { Taken } from "./taken";

export type DateOrder = "dmy" | "mdy";

/** A date found in text: where it is, its ISO form, and whether the day/month order had to be guessed. */
export type DateMatch = { start: number; end: number; text: string; iso: string; ambiguous: boolean };

const monthNames: Record<string, number> = {};
function addMonths(names: string[][]): void {
  names.forEach((aliases, i) => {
    for (const name of aliases) monthNames[fold(name)] = i + 1;
  });
}
// English, German, French, Spanish, Italian, Dutch, Portuguese, Polish (nominative and genitive).
addMonths([
  [
    "january",
    "jan",
    "januar",
    "jänner",
    "janvier",
    "janv",
    "enero",
    "ene",
    "gennaio",
    "gen",
    "januari",
    "janeiro",
    "styczeń",
    "stycznia",
    "sty",
  ],
  [
    "february",
    "feb",
    "februar",
    "février",
    "fevr",
    "févr",
    "febrero",
    "febbraio",
    "februari",
    "fevereiro",
    "fev",
    "luty",
    "lutego",
    "lut",
  ],
  ["march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo", "maart", "mrt", "março", "marzec", "marca"],
  ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "kwi"],
  ["may", "mai", "mayo", "maggio", "mag", "mei", "maio", "maj", "maja"],
  ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca", "cze"],
  ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec", "lipca", "lip"],
  ["august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpień", "sierpnia", "sie"],
  [
    "september",
    "sep",
    "sept",
    "septembre",
    "septiembre",
    "setiembre",
    "settembre",
    "set",
    "setembro",
    "wrzesień",
    "września",
    "wrz",
  ],
  [
    "october",
    "oct",
    "oktober",
    "okt",
    "octobre",
    "octubre",
    "ottobre",
    "ott",
    "outubro",
    "out",
    "październik",
    "października",
    "paź",
  ],
  ["november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis"],
  [
    "december",
    "dec",
    "dezember",
    "dez",
    "décembre",
    "déc",
    "diciembre",
    "dic",
    "dicembre",
    "dezembro",
    "grudzień",
    "grudnia",
    "gru",
  ],
]);

function fold(s: string): string {
  return s.toLowerCase().normalize("NFC");
}

/** The month (1–12) a name or abbreviation stands for in any supported language, or null. */
export function monthFromName(name: string): number | null {
  return monthNames[fold(name.replace(/\.$/, ""))] ?? null;
}

const isoRe = /(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/gu;
const numericRe = /(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-]|[.,]\d)/gu;
const dayMonthNameRe =
  /(?<![\p{L}\d])(\d{1,2})(?:\.|st|nd|rd|th|er|º|°)?[\s\-/.]*(?:de\s+)?(\p{L}{3,12})\.?,?[\s\-/.]*(?:de\s+|del\s+)?(\d{4}|\d{2})(?![\d])/gu;
const monthNameDayRe = /(?<![\p{L}\d])(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/gu;
const japaneseRe = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu;

/** Finds every date in a line or text; numeric dates are read in `order` unless their values decide it. */
export function findDates(text: string, order: DateOrder = "dmy"): DateMatch[] {
  const found: DateMatch[] = [];
  const taken = new Taken(text.length);
  const add = (start: number, raw: string, y: number, m: number, d: number, ambiguous: boolean): void => {
    const iso = toIso(y, m, d);
    if (iso === null) return;
    const end = start + raw.length;
    if (taken.overlaps(start, end)) return;
    taken.take(start, end);
    found.push({ start, end, text: raw, iso, ambiguous });
  };
  for (const m of allMatches(japaneseRe, text)) add(m.index, m[0], Number(m[1]), Number(m[2]), Number(m[3]), false);
  for (const m of allMatches(isoRe, text)) add(m.index, m[0], Number(m[1]), Number(m[3]), Number(m[4]), false);
  for (const m of allMatches(dayMonthNameRe, text)) {
    const month = monthFromName(m[2] ?? "");
    if (month !== null) add(m.index, m[0], year(m[3] ?? ""), month, Number(m[1]), false);
  }
  for (const m of allMatches(monthNameDayRe, text)) {
    const month = monthFromName(m[1] ?? "");
    if (month !== null) add(m.index, m[0], Number(m[3]), month, Number(m[2]), false);
  }
  for (const m of allMatches(numericRe, text)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const sep = m[2];
    const y = year(m[4] ?? "");
    // Dotted dates are European; values over 12 settle the order; otherwise the document's order decides.
    const resolved: DateOrder | null = a > 12 ? "dmy" : b > 12 ? "mdy" : sep === "." ? "dmy" : null;
    const use = resolved ?? order;
    const [d, mo] = use === "dmy" ? [a, b] : [b, a];
    add(m.index, m[0], y, mo, d, resolved === null && a !== b);
  }
  return found.sort((x, y) => x.start - y.start);
}

/** Parses text that is a single date into ISO yyyy-mm-dd, or null. */
export function parseDate(text: string, order: DateOrder = "dmy"): string | null {
  const trimmed = text.trim();
  const [first] = findDates(trimmed, order);
  if (!first) return null;
  return first.start === 0 && first.end === trimmed.length ? first.iso : null;
}

export type DateOrderHints = { country?: string | null; currency?: string | null; language?: string | null };

const monthFirstCountries = new Set(["US", "PH", "FM", "MH", "PW"]);

/**
 * Decides how to read "03/12/2025" in a document: numeric dates whose values leave no choice win; then the
 * country (the US and a few others write month first), then the currency and language.
 */
export function inferDateOrder(text: string, hints: DateOrderHints = {}): DateOrder {
  let dmy = 0;
  let mdy = 0;
  for (const m of allMatches(numericRe, text)) {
    if (m[2] === ".") continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (a > 12 && b <= 12) dmy += 1;
    if (b > 12 && a <= 12) mdy += 1;
  }
  if (dmy !== mdy) return dmy > mdy ? "dmy" : "mdy";
  if (hints.country) return monthFirstCountries.has(hints.country) ? "mdy" : "dmy";
  if (hints.currency === "USD" && (hints.language === null || hints.language === undefined || hints.language === "en"))
    return "mdy";
  return "dmy";
}

function year(text: string): number {
  const n = Number(text);
  if (text.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function toIso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Adds days to an ISO date (for "net 30" terms). */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
