/** Country and language guesses from a document's text: the locale hints that settle dates, "$" and "kr". */
import { allMatches } from "./matches";

type Signal = { re: RegExp; country: string; weight: number };

const signals: Signal[] = [
  ...[
    ["US", /\b(?:United States|U\.S\.A\.?|USA)\b/gu],
    [
      "US",
      /\b(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)\s+\d{5}(?:-\d{4})?\b/gu,
    ],
    ["GB", /\b(?:United Kingdom|England|Scotland|Wales|Great Britain)\b/gu],
    ["GB", /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/gu],
    ["DE", /\b(?:Deutschland|Germany)\b/gu],
    ["AT", /\b(?:Österreich|Austria)\b/gu],
    ["CH", /\b(?:Schweiz|Suisse|Svizzera|Switzerland)\b/gu],
    ["FR", /\bFrance\b/gu],
    ["BE", /\b(?:Belgique|België|Belgium)\b/gu],
    ["ES", /\b(?:España|Spain)\b/gu],
    ["IT", /\b(?:Italia|Italy)\b/gu],
    ["NL", /\b(?:Nederland|Netherlands|The Netherlands)\b/gu],
    ["PT", /\bPortugal\b/gu],
    ["BR", /\b(?:Brasil|Brazil)\b/gu],
    ["PL", /\b(?:Polska|Poland)\b/gu],
    ["SE", /\b(?:Sverige|Sweden)\b/gu],
    ["NO", /\b(?:Norge|Norway)\b/gu],
    ["DK", /\b(?:Danmark|Denmark)\b/gu],
    ["IE", /\bIreland\b/gu],
    ["AU", /\b(?:Australia|NSW|VIC|QLD)\b/gu],
    ["AU", /\bABN\b/gu],
    ["NZ", /\bNew Zealand\b/gu],
    ["CA", /\b(?:Canada|Ontario|Québec|Quebec|British Columbia|Alberta)\b/gu],
    ["IN", /\b(?:India|GSTIN|CGST|SGST|IGST)\b/gu],
    ["JP", /\b(?:Japan|Tokyo|Osaka)\b|日本|東京/gu],
    ["SG", /\bSingapore\b/gu],
    ["HK", /\bHong Kong\b/gu],
    ["MX", /\b(?:México|Mexico)\b/gu],
    ["CN", /\b(?:China|PRC)\b|中国/gu],
    [
      "CN",
      /\b(?:Shenzhen|Shanghai|Beijing|Guangzhou|Guangdong|Zhejiang|Jiangsu|Hangzhou|Ningbo|Dongguan|Xiamen|Suzhou|Tianjin)\b/gu,
    ],
    ["AR", /\b(?:Argentina|Buenos Aires|CABA|Rosario|C[óo]rdoba)\b/gu],
    ["MX", /\b(?:CDMX|Jalisco|Nuevo Le[óo]n|Monterrey|Guadalajara)\b/gu],
    ["MY", /\b(?:Malaysia|Kuala Lumpur|Selangor|Johor|Penang|Sdn\.?\s?Bhd\.?|Berhad)\b/gu],
    ["CA", /\b(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/gu],
    ["DK", /\b(?:København|Aarhus|Odense|Aalborg|ApS)\b/gu],
    ["CL", /\bChile\b/gu],
    ["CO", /\bColombia\b/gu],
    [
      "ZA",
      /\b(?:South Africa|Johannesburg|Cape Town|Durban|Pretoria|Gauteng|KwaZulu-Natal)\b|\(Pty\)\s?Ltd\b|\.co\.za\b/gu,
    ],
  ].map(([country, re]) => ({ country: country as string, re: re as RegExp, weight: 2 })),
  // A tax id's name or format names its country: the seller's (printed first) decides a shared symbol like "$".
  ...[
    ["AR", /\bCUIT\b|\b(?:20|23|24|27|30|33|34)-\d{8}-\d\b/gu],
    ["MX", /\bRFC\b|\bCFDI\b|\b[A-ZÑ&]{3,4}\d{6}[A-Z\d]{3}\b|\bS\.?\s?A\.?\s+de\s+C\.?\s?V\.?/gu],
    ["IN", /\b\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[\dA-Z]\b/gu],
    ["CA", /\bGST\s*\/\s*HST\b|\b\d{5}\s?\d{4}\s?RT\s?\d{4}\b/gu],
    ["PL", /\bNIP\b/gu],
    ["DK", /\bCVR\b/gu],
    ["NO", /\bMVA\b|\bForetaksregisteret\b/gu],
    ["MY", /\bSST\s*(?:Reg(?:istration)?\.?\s*)?No\b/gu],
    ["CN", /\bUnified\s+Social\s+Credit\s+Code\b/gu],
  ].map(([country, re]) => ({ country: country as string, re: re as RegExp, weight: 2.5 })),
  // Phone prefixes and VAT/IBAN country prefixes are strong but can belong to the customer too.
  ...Object.entries({
    "1": "US",
    "44": "GB",
    "49": "DE",
    "43": "AT",
    "41": "CH",
    "33": "FR",
    "32": "BE",
    "34": "ES",
    "39": "IT",
    "31": "NL",
    "351": "PT",
    "55": "BR",
    "48": "PL",
    "46": "SE",
    "47": "NO",
    "45": "DK",
    "353": "IE",
    "61": "AU",
    "64": "NZ",
    "91": "IN",
    "81": "JP",
    "65": "SG",
    "852": "HK",
    "52": "MX",
    "86": "CN",
  }).map(([prefix, country]) => ({ country, re: new RegExp(`\\+${prefix}[\\s(-]`, "gu"), weight: 1.5 })),
  ...["AT", "BE", "CH", "DE", "DK", "ES", "FR", "GB", "IE", "IT", "NL", "NO", "PL", "PT", "SE"].map((country) => ({
    country,
    re: new RegExp(`\\b${country}\\d{2}[ ]?[A-Z0-9]{4}|\\b${country}[ ]?\\d{8,12}\\b`, "gu"),
    weight: 1.5,
  })),
];

/** How strongly the text points at each country (ISO 3166 alpha-2): one pass of each signal over the text. */
export function countryEvidence(text: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const { re, country, weight } of signals) {
    for (const m of allMatches(re, text)) {
      // Earlier mentions (the issuer's letterhead) weigh a little more than later ones.
      const position = 1 - (0.3 * m.index) / Math.max(text.length, 1);
      scores.set(country, (scores.get(country) ?? 0) + weight * position);
    }
  }
  return scores;
}

/** The most likely country of a document, or null when nothing points anywhere. */
export function detectCountry(
  text: string,
  scores: ReadonlyMap<string, number> = countryEvidence(text),
): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const [country, score] of scores) {
    if (score > bestScore) {
      best = country;
      bestScore = score;
    }
  }
  return best;
}

const languageWords: Record<string, string[]> = {
  en: [
    "invoice",
    "total",
    "the",
    "and",
    "date",
    "due",
    "amount",
    "payment",
    "bill",
    "to",
    "of",
    "please",
    "order",
    "quantity",
  ],
  de: [
    "rechnung",
    "und",
    "der",
    "die",
    "das",
    "datum",
    "betrag",
    "mwst",
    "summe",
    "zahlbar",
    "bitte",
    "menge",
    "bestellung",
    "netto",
  ],
  fr: [
    "facture",
    "le",
    "la",
    "les",
    "et",
    "du",
    "montant",
    "tva",
    "date",
    "total",
    "ht",
    "ttc",
    "quantité",
    "commande",
  ],
  es: ["factura", "el", "la", "y", "de", "fecha", "importe", "iva", "cantidad", "total", "pedido", "base", "por"],
  it: ["fattura", "il", "di", "e", "data", "importo", "totale", "iva", "quantità", "imponibile", "ordine", "del"],
  nl: ["factuur", "het", "en", "van", "datum", "bedrag", "btw", "totaal", "aantal", "de", "een"],
  pt: ["fatura", "nota", "o", "de", "valor", "data", "total", "quantidade", "iva", "pedido"],
  pl: ["faktura", "i", "data", "kwota", "razem", "zapłaty", "nabywca", "sprzedawca", "netto", "brutto", "ilość"],
  sv: ["faktura", "och", "att", "betala", "moms", "förfallodatum", "belopp", "antal", "fakturadatum", "summa"],
  da: ["faktura", "og", "at", "betale", "moms", "forfaldsdato", "beløb", "antal", "fakturadato", "kunde"],
  no: ["faktura", "og", "å", "betale", "mva", "forfallsdato", "beløp", "antall", "fakturadato", "kunde"],
};

/** The most likely language (ISO 639-1) by common words, or null for too little text. */
export function detectLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best: string | null = null;
  let bestScore = 0;
  for (const [lang, list] of Object.entries(languageWords)) {
    const score = list.reduce((sum, w) => sum + Math.min(counts.get(w) ?? 0, 5), 0);
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return bestScore >= 2 ? best : null;
}
