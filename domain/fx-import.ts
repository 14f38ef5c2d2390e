import { parseRate, type ExchangeRate } from "./fx";
import { isCurrencyCode } from "./money";

export const rateCsvHeader = "currency,rate,effective_from";

/** More lines than a year of daily rates for twenty currencies is not a rate sheet. */
export const maxRateLines = 10_000;

export type RateInput = Omit<ExchangeRate, "base">;

/** A day as YYYY-MM-DD that exists on the calendar. */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

/** One rate as an admin types it, checked field by field; the messages say what to write instead. */
export function checkRate(
  input: { currency: string; rate: string; effectiveFrom: string },
  base: string,
): { ok: true; rate: RateInput } | { ok: false; errors: Partial<Record<keyof RateInput, string>> } {
  const errors: Partial<Record<keyof RateInput, string>> = {};
  const currency = input.currency.trim().toUpperCase();
  if (!isCurrencyCode(currency))
    errors.currency = `"${input.currency.trim()}" is not a currency code; write an ISO 4217 code such as USD.`;
  else if (currency === base)
    errors.currency = `${base} is the base currency (KEEL_BASE_CURRENCY); its rate is always 1, so leave it out.`;
  const rate = parseRate(input.rate);
  if (!rate.ok) errors.rate = rate.message;
  const effectiveFrom = input.effectiveFrom.trim();
  if (!isIsoDay(effectiveFrom))
    errors.effectiveFrom = `"${effectiveFrom}" is not a date; write the day it takes effect as YYYY-MM-DD, such as 2026-03-02.`;
  if (Object.keys(errors).length > 0 || !rate.ok) return { ok: false, errors };
  return { ok: true, rate: { currency, rate: rate.rate, effectiveFrom } };
}

const unquote = (value: string) =>
  value
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();

/**
 * A CSV of rates, `currency,rate,effective_from` with that header, one rate a line, against `base`. All or nothing:
 * any bad line refuses the whole file, and every problem is reported with its line number and what to fix.
 */
export function parseRatesCsv(
  text: string,
  base: string,
): { ok: true; rates: RateInput[] } | { ok: false; errors: string[] } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const numbered = lines.map((line, i) => ({ line: line.trim(), number: i + 1 })).filter((l) => l.line !== "");
  const [header, ...body] = numbered;
  if (!header)
    return {
      ok: false,
      errors: [
        `The file is empty: write the header ${rateCsvHeader}, then one rate a line, such as USD,1.0832,2026-03-02.`,
      ],
    };
  if (header.line.split(",").map(unquote).join(",").toLowerCase() !== rateCsvHeader) {
    return {
      ok: false,
      errors: [
        `Line ${String(header.number)}: the first line must be the header ${rateCsvHeader}; it is "${header.line.slice(0, 80)}".`,
      ],
    };
  }
  if (body.length === 0)
    return {
      ok: false,
      errors: ["The file has a header and no rates: add one rate a line, such as USD,1.0832,2026-03-02."],
    };
  if (body.length > maxRateLines)
    return {
      ok: false,
      errors: [`The file has ${String(body.length)} rates; import at most ${String(maxRateLines)} at a time.`],
    };
  const errors: string[] = [];
  const rates: RateInput[] = [];
  const seen = new Map<string, number>();
  for (const { line, number } of body) {
    const where = `Line ${String(number)}`;
    const values = line.split(",").map(unquote);
    if (values.length !== 3) {
      const hint = values.length > 3 ? "; write the rate with a decimal point (1.0832), never a comma" : "";
      errors.push(`${where}: expected 3 values (${rateCsvHeader}), found ${String(values.length)}${hint}.`);
      continue;
    }
    const [currency = "", rate = "", effectiveFrom = ""] = values;
    const checked = checkRate({ currency, rate, effectiveFrom }, base);
    if (!checked.ok) {
      errors.push(`${where}: ${Object.values(checked.errors).join(" ")}`);
      continue;
    }
    const key = `${checked.rate.currency} ${checked.rate.effectiveFrom}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(
        `${where}: ${checked.rate.currency} from ${checked.rate.effectiveFrom} is already on line ${String(first)}; keep one of them.`,
      );
      continue;
    }
    seen.set(key, number);
    rates.push(checked.rate);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rates };
}
