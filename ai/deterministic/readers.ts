import { allMatches } from "@/domain/parse/matches";
import { findDates, type DateOrder } from "@/domain/parse/dates";
import { takenBy, type Taken } from "@/domain/parse/taken";
import type { Candidate, Reader } from "./locate";

const identifierRe = /[#№]?\s?([A-Za-z0-9][A-Za-z0-9\-/._]*[A-Za-z0-9]|\d)/gu;
const amountLike = /^\d{1,3}(?:[.,' ]\d{3})*[.,]\d{2}$/u;

const spacedIdentifierRe = /[#№]?\s?([A-Za-z0-9][A-Za-z0-9/._]*(?:\s{0,2}-\s{0,2}[A-Za-z0-9/._]*\d[A-Za-z0-9/._]*)+)/gu;

/** Document numbers: a token with at least one digit that is neither a date nor an amount. */
export const readIdentifier: Reader<string> = (text) => {
  const dates = takenBy(text.length, findDates(text));
  const simple = ocrColon(readSimple(text, dates), text);
  const first = simple[0];
  // OCR breaks "GL-2025-077" into "GL -  2025-077"; rejoin when the pieces would be a plausible number.
  for (const m of allMatches(spacedIdentifierRe, text)) {
    const raw = m[1] ?? "";
    if (!/\s/u.test(raw) || !/\d/u.test(raw)) continue;
    const start = m.index + m[0].length - raw.length;
    const end = start + raw.length;
    if (dates.overlaps(start, end)) continue;
    const joined = raw.replace(/\s+/gu, "");
    if (first && first.start >= start && first.start < end) return [{ start, end, value: joined }];
  }
  // A series prefix printed apart from the number ("FT 2025/214") is part of it.
  const prefix = first ? /(?<=^[\s:#.]*)([A-Z]{2,4}) $/u.exec(text.slice(0, first.start)) : null;
  if (first && prefix && !/^(?:NO|NR|NUM|REF|NRO)$/u.test(prefix[1] ?? "")) {
    return [{ start: prefix.index, end: first.end, value: `${prefix[1] ?? ""} ${first.value}` }, ...simple.slice(1)];
  }
  return simple;
};

/** OCR reads a label's spaced-out colon as "1" ("Invoice No 1 SJT/2503/0418"): a lone 1 right before the number. */
function ocrColon(found: Candidate<string>[], text: string): Candidate<string>[] {
  const [first, second] = found;
  if (first?.value !== "1" || !second || text.slice(first.end, second.start) !== " " || second.value.length < 4)
    return found;
  return /^[\s:#.]*$/u.test(text.slice(0, first.start)) ? found.slice(1) : found;
}

function readSimple(text: string, dates: Taken): Candidate<string>[] {
  const out: Candidate<string>[] = [];
  for (const m of allMatches(identifierRe, text)) {
    const value = m[1] ?? "";
    const start = m.index + m[0].length - value.length;
    const end = start + value.length;
    if (!/\d/.test(value) || amountLike.test(value)) continue;
    if (dates.overlaps(start, end)) continue;
    if (/^(?:19|20)\d{2}$/.test(value) && /\p{L}/u.test(text.slice(end, end + 2))) continue;
    out.push({ start, end, value });
  }
  return out;
}

export function readDate(order: DateOrder): Reader<{ iso: string; ambiguous: boolean }> {
  return (text) =>
    findDates(text, order).map((d) => ({ start: d.start, end: d.end, value: { iso: d.iso, ambiguous: d.ambiguous } }));
}

/** Free text: the first cell after the label (up to a wide gap), without leading separators. */
export const readText: Reader<string> = (text) => {
  const m = /[^\s:#\-–|][^]*?(?=\s{2,}|\t|$)/u.exec(text);
  if (!m) return [];
  const value = m[0].replace(/[\s,;]+$/u, "");
  if (value === "") return [];
  return [{ start: m.index, end: m.index + value.length, value }];
};
