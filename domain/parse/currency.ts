import { allMatches } from "./matches";
import { commonCurrencyCodes } from "./currency-codes";
import { Taken } from "./taken";

/** A currency mention: where it is, the ISO code it stands for, and how sure the reading is. */
export type CurrencyMention = { start: number; end: number; text: string; code: string; confidence: number };

/**
 * What settles a symbol several currencies share: the document's country, the evidence for each country
 * (`countryEvidence`: addresses, tax id formats, IBANs, phone prefixes) and its language.
 */
export type CurrencyHints = {
  country?: string | null;
  countryScores?: ReadonlyMap<string, number>;
  language?: string | null;
};

/** A symbol shared by several currencies: which country uses which, and the reading when nothing says. */
type SharedSymbol = { byCountry: Record<string, string>; byLanguage: Record<string, string>; fallback: string };

const dollar: SharedSymbol = {
  byCountry: {
    US: "USD",
    AU: "AUD",
    CA: "CAD",
    NZ: "NZD",
    SG: "SGD",
    HK: "HKD",
    MX: "MXN",
    TW: "TWD",
    AR: "ARS",
    CL: "CLP",
    CO: "COP",
    UY: "UYU",
  },
  byLanguage: {},
  fallback: "USD",
};
const krona: SharedSymbol = {
  byCountry: { SE: "SEK", NO: "NOK", DK: "DKK", IS: "ISK" },
  byLanguage: { sv: "SEK", da: "DKK", no: "NOK" },
  fallback: "SEK",
};
const yen: SharedSymbol = {
  byCountry: { JP: "JPY", CN: "CNY" },
  byLanguage: { ja: "JPY", zh: "CNY" },
  fallback: "JPY",
};

/** Evidence this strong for one of a symbol's countries, and twice that of any other, settles the symbol. */
const settledScore = 1.5;

/**
 * Reads a shared symbol: settled by the country evidence (high confidence), leaning on weaker evidence or the
 * language (below the usual review threshold, so a person confirms), or the fallback at low confidence.
 */
export function resolveSharedSymbol(symbol: SharedSymbol, hints: CurrencyHints): { code: string; confidence: number } {
  const scores = hints.countryScores;
  if (scores) {
    let best: string | null = null;
    let bestScore = 0;
    let runnerUp = 0;
    for (const country of Object.keys(symbol.byCountry)) {
      const score = scores.get(country) ?? 0;
      if (score > bestScore) [best, bestScore, runnerUp] = [country, score, bestScore];
      else if (score > runnerUp) runnerUp = score;
    }
    if (best !== null)
      return {
        code: symbol.byCountry[best] ?? symbol.fallback,
        confidence: bestScore >= settledScore && bestScore >= 2 * runnerUp ? 0.92 : 0.7,
      };
  } else if (hints.country && hints.country in symbol.byCountry) {
    return { code: symbol.byCountry[hints.country] ?? symbol.fallback, confidence: 0.8 };
  }
  const byLanguage = hints.language ? symbol.byLanguage[hints.language] : undefined;
  if (byLanguage) return { code: byLanguage, confidence: 0.65 };
  return { code: symbol.fallback, confidence: 0.5 };
}

type Marker = { re: RegExp; code: (hints: CurrencyHints) => string; confidence: (hints: CurrencyHints) => number };

const fixed = (code: string, confidence: number): Pick<Marker, "code" | "confidence"> => ({
  code: () => code,
  confidence: () => confidence,
});
const shared = (symbol: SharedSymbol): Pick<Marker, "code" | "confidence"> => ({
  code: (h) => resolveSharedSymbol(symbol, h).code,
  confidence: (h) => resolveSharedSymbol(symbol, h).confidence,
});

const markers: Marker[] = [
  // A Malaysian company's "Sdn. Bhd." is its legal form, not Bahraini dinars.
  { re: /(?<!\b[Ss][Dd][Nn]\.?\s?)\b(?:[A-Z]{3})\b/gu, code: () => "", confidence: () => 0.95 },
  { re: /US\$/gu, ...fixed("USD", 0.95) },
  { re: /\bA(?:U)?\$/gu, ...fixed("AUD", 0.95) },
  { re: /\bC(?:A)?\$/gu, ...fixed("CAD", 0.95) },
  { re: /\bNZ\$/gu, ...fixed("NZD", 0.95) },
  { re: /\bHK\$/gu, ...fixed("HKD", 0.95) },
  { re: /\bS\$/gu, ...fixed("SGD", 0.9) },
  { re: /\bR\$/gu, ...fixed("BRL", 0.95) },
  { re: /\bMX\$/gu, ...fixed("MXN", 0.95) },
  // "R45,250.00", "R 650.00": South African rand; a bare "R" counts only glued to an amount with cents.
  { re: /(?<![\p{L}\d])R(?=\s?\d{1,3}(?:[, \u00a0]?\d{3})*\.\d{2}(?!\d))/gu, ...fixed("ZAR", 0.85) },
  { re: /€/gu, ...fixed("EUR", 0.9) },
  { re: /£/gu, ...fixed("GBP", 0.9) },
  { re: /₹|\bRs\.?(?=\s?\d)/gu, ...fixed("INR", 0.9) },
  { re: /zł/gu, ...fixed("PLN", 0.9) },
  // OCR with English data reads "zł" after an amount as "zt": likely złoty, for a person to confirm.
  { re: /(?<=\d\s?)zt(?![\p{L}])/gu, ...fixed("PLN", 0.7) },
  { re: /Kč/gu, ...fixed("CZK", 0.9) },
  { re: /₩/gu, ...fixed("KRW", 0.9) },
  { re: /₺/gu, ...fixed("TRY", 0.9) },
  { re: /₽/gu, ...fixed("RUB", 0.9) },
  // "RM 1,518.00", "Amount (RM)": Malaysian ringgit; a room ("RM 1204") has no cents.
  { re: /\bRM(?=\s?[-−]?\d{1,3}(?:[,.]?\d{3})*[.,]\d{2}(?!\d))|(?<=\()RM(?=\))/gu, ...fixed("MYR", 0.9) },
  { re: /\bS?Fr\.(?=\s?\d)/gu, ...fixed("CHF", 0.8) },
  { re: /[¥￥]|円/gu, ...shared(yen) },
  // A "$" inside a word ("Wartos$¢", OCR's reading of "Wartość") is not a currency.
  { re: /(?<![\p{L}])\$/gu, ...shared(dollar) },
  { re: /\bkr\.?(?![\p{L}])/gu, ...shared(krona) },
];

/** Every currency mention in the text, each read with the hints for "$", "¥" and "kr". */
export function findCurrencyMentions(text: string, hints: CurrencyHints = {}): CurrencyMention[] {
  const out: CurrencyMention[] = [];
  const taken = new Taken(text.length);
  for (const marker of markers) {
    for (const m of allMatches(marker.re, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.overlaps(start, end)) continue;
      let code = marker.code(hints);
      if (code === "") {
        if (!commonCurrencyCodes.has(m[0])) continue;
        code = m[0] === "RMB" ? "CNY" : m[0];
      }
      taken.take(start, end);
      out.push({ start, end, text: m[0], code, confidence: marker.confidence(hints) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The document's currency: the code most mentioned (ISO codes count more than symbols), with its first mention. */
export function detectCurrency(text: string, hints: CurrencyHints = {}): CurrencyMention | null {
  const mentions = findCurrencyMentions(text, hints);
  const scores = new Map<string, number>();
  for (const m of mentions) scores.set(m.code, (scores.get(m.code) ?? 0) + m.confidence);
  let best: string | null = null;
  let bestScore = 0;
  for (const [code, score] of scores) {
    if (score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  if (best === null) return null;
  const ofBest = mentions.filter((m) => m.code === best);
  const strongest = ofBest.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  const rivals = [...scores.values()].filter((s) => s !== bestScore).reduce((a, b) => a + b, 0);
  // A second currency in the text (a converted total, a foreign price) makes the reading less sure.
  const confidence = strongest.confidence * (rivals > 0 ? Math.max(0.6, bestScore / (bestScore + rivals)) : 1);
  return { ...strongest, confidence: Math.round(confidence * 100) / 100 };
}

/** Reads a currency marker on its own ("€", "EUR", "US$", "kr") into an ISO code. */
export function currencyFromMarker(marker: string, hints: CurrencyHints = {}): string | null {
  const [first] = findCurrencyMentions(marker.trim(), hints);
  return first?.code ?? null;
}

const euro = [
  "AT",
  "BE",
  "CY",
  "DE",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PT",
  "SI",
  "SK",
];
const countryCurrency: Record<string, string> = {
  ...Object.fromEntries(euro.map((c) => [c, "EUR"])),
  GB: "GBP",
  US: "USD",
  CH: "CHF",
  JP: "JPY",
  IN: "INR",
  AU: "AUD",
  CA: "CAD",
  NZ: "NZD",
  PL: "PLN",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  CZ: "CZK",
  HU: "HUF",
  BR: "BRL",
  MX: "MXN",
  CN: "CNY",
  HK: "HKD",
  SG: "SGD",
  KW: "KWD",
  AE: "AED",
  AR: "ARS",
  MY: "MYR",
  CL: "CLP",
  CO: "COP",
  ZA: "ZAR",
};

/** The currency a country's documents use when they print no currency at all. */
export function currencyForCountry(country: string | null | undefined): string | null {
  return country ? (countryCurrency[country] ?? null) : null;
}

const languageCurrency: Record<string, string> = {
  de: "EUR",
  fr: "EUR",
  es: "EUR",
  it: "EUR",
  nl: "EUR",
  pt: "EUR",
  pl: "PLN",
};

/** The likeliest currency of a document in a language, when neither a currency nor a country shows. */
export function currencyForLanguage(language: string | null | undefined): string | null {
  return language ? (languageCurrency[language] ?? null) : null;
}
