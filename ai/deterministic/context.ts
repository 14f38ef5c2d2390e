import type { ExtractedText } from "@/domain/documents/types";
import { inferDecimalSeparator, usesSpaceGrouping, type DecimalSeparator } from "@/domain/parse/amounts";
import { countryEvidence, detectCountry, detectLanguage } from "@/domain/parse/country";
import {
  currencyForCountry,
  currencyForLanguage,
  detectCurrency,
  type CurrencyHints,
  type CurrencyMention,
} from "@/domain/parse/currency";
import { inferDateOrder, type DateOrder } from "@/domain/parse/dates";
import { maskInstructions } from "./injection";
import { toLines, type Line } from "./lines";

/** Everything the field readers share: the lines (instructions masked) and the document's locale. */
export type DocContext = {
  source: ExtractedText["source"];
  lines: Line[];
  text: string;
  country: string | null;
  language: string | null;
  currency: CurrencyMention | null;
  /** What settles "$", "kr" and "¥" for this document: its country evidence and language. */
  currencyHints: CurrencyHints;
  currencyCode: string;
  decimalSeparator: DecimalSeparator | undefined;
  spaceGrouping: boolean;
  dateOrder: DateOrder;
};

export function buildContext(input: ExtractedText): DocContext {
  const pages = maskInstructions(input.pages);
  const lines = toLines(pages);
  const text = pages.map((p) => p.text).join("\n");
  const countryScores = countryEvidence(text);
  const country = detectCountry(text, countryScores);
  const language = detectLanguage(text);
  const currencyHints: CurrencyHints = { country, countryScores, language };
  const byCountry = currencyForCountry(country);
  const byLanguage = currencyForLanguage(language);
  // No symbol or code anywhere (common on Italian and German invoices): the country's currency, else the language's.
  const currency =
    detectCurrency(text, currencyHints) ??
    (byCountry ? { start: -1, end: -1, text: "", code: byCountry, confidence: 0.45 } : null) ??
    (byLanguage ? { start: -1, end: -1, text: "", code: byLanguage, confidence: 0.3 } : null);
  const currencyCode = currency?.code ?? "EUR";
  return {
    source: input.source,
    lines,
    text,
    country,
    language,
    currency,
    currencyHints,
    currencyCode,
    decimalSeparator: inferDecimalSeparator(text) ?? undefined,
    spaceGrouping: usesSpaceGrouping(text),
    dateOrder: inferDateOrder(text, { country, currency: currency?.code ?? null, language }),
  };
}
