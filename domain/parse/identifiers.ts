/** Bank and tax identifiers: recognising, normalising and checking them. */
import { allMatches } from "./matches";
import { Taken, takenBy } from "./taken";

export type IdentifierMatch = { start: number; end: number; text: string; value: string };

const ibanLengths: Record<string, number> = {
  AD: 24,
  AE: 23,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VG: 24,
  XK: 20,
};

export function normalizeIban(text: string): string {
  return text.replace(/[\s\u00a0-]/g, "").toUpperCase();
}

/** IBAN structure, country length and the ISO 7064 mod-97 check. */
export function isValidIban(text: string): boolean {
  const iban = normalizeIban(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  const length = ibanLengths[iban.slice(0, 2)];
  if (length !== undefined && iban.length !== length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** IBANs in text, written compact or in groups of four; only those passing the check. */
export function findIbans(text: string): IdentifierMatch[] {
  const out: IdentifierMatch[] = [];
  for (const m of allMatches(/\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{1,4}){3,8}\b/gu, text)) {
    // The greedy match can swallow a following word; shrink from the right until the check passes.
    let candidate = m[0];
    while (candidate.length >= 15) {
      if (isValidIban(candidate)) {
        out.push({ start: m.index, end: m.index + candidate.length, text: candidate, value: normalizeIban(candidate) });
        break;
      }
      candidate = candidate.slice(0, -1).trimEnd();
    }
  }
  return out;
}

const bicRe = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

const bicCountries = new Set([
  ...Object.keys(ibanLengths),
  "US",
  "CA",
  "AU",
  "NZ",
  "JP",
  "IN",
  "SG",
  "HK",
  "CN",
  "MX",
  "ZA",
  "KR",
]);

/** BIC / SWIFT code shape with a known country; cannot be checked further offline. */
export function isValidBic(text: string): boolean {
  const bic = text.replace(/\s/g, "").toUpperCase();
  return bicRe.test(bic) && bicCountries.has(bic.slice(4, 6));
}

/** BIC-shaped tokens; callers should look for them near a BIC/SWIFT label, since plain words can match. */
export function findBics(text: string): IdentifierMatch[] {
  const out: IdentifierMatch[] = [];
  for (const m of allMatches(/\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b/gu, text)) {
    if (isValidBic(m[0]) && !isValidIban(m[0]))
      out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: m[0] });
  }
  return out;
}

/** UK sort codes: "12-34-56" or "12 34 56". */
export function findSortCodes(text: string): IdentifierMatch[] {
  return [...allMatches(/(?<![\d-])(\d{2})[- ](\d{2})[- ](\d{2})(?![\d-])/gu, text)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    text: m[0],
    value: `${m[1] ?? ""}-${m[2] ?? ""}-${m[3] ?? ""}`,
  }));
}

/** UK account numbers are eight digits (some banks print seven or six). */
export function isUkAccountNumber(text: string): boolean {
  return /^\d{6,8}$/.test(text.replace(/\s/g, ""));
}

export type TaxIdKind =
  | "eu_vat"
  | "gb_vat"
  | "ch_uid"
  | "us_ein"
  | "au_abn"
  | "in_gstin"
  | "pl_nip"
  | "jp_invoice"
  | "no_orgnr"
  | "ca_bn"
  | "es_nif"
  | "it_piva"
  | "ar_cuit"
  | "mx_rfc"
  | "my_sst";
export type TaxIdMatch = IdentifierMatch & { kind: TaxIdKind; country: string };

// EU VAT number formats (VIES), without the country prefix.
const euVat: Record<string, RegExp> = {
  AT: /^U\d{8}$/,
  BE: /^[01]\d{9}$/,
  BG: /^\d{9,10}$/,
  CY: /^\d{8}[A-Z]$/,
  CZ: /^\d{8,10}$/,
  DE: /^\d{9}$/,
  DK: /^\d{8}$/,
  EE: /^\d{9}$/,
  EL: /^\d{9}$/,
  ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^\d{8}$/,
  FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^\d{11}$/,
  HU: /^\d{8}$/,
  IE: /^\d{7}[A-W][A-I]?$|^\d[A-Z+*]\d{5}[A-W]$/,
  IT: /^\d{11}$/,
  LT: /^\d{9}$|^\d{12}$/,
  LU: /^\d{8}$/,
  LV: /^\d{11}$/,
  MT: /^\d{8}$/,
  NL: /^\d{9}B\d{2}$/,
  PL: /^\d{10}$/,
  PT: /^\d{9}$/,
  RO: /^\d{2,10}$/,
  SE: /^\d{12}$/,
  SI: /^\d{8}$/,
  SK: /^\d{10}$/,
};

export function normalizeTaxId(text: string): string {
  return text.replace(/[\s.\u00a0-]/g, "").toUpperCase();
}

/** Checks an EU or UK VAT number's format ("DE123456789", "FR 12 345678901", "GB 123 4567 89"). */
export function isValidVatNumber(text: string): boolean {
  const vat = normalizeTaxId(text);
  const prefix = vat.slice(0, 2);
  const rest = vat.slice(2);
  if (prefix === "GB" || prefix === "XI") return /^\d{9}$|^\d{12}$|^(?:GD|HA)\d{3}$/.test(rest);
  const re = euVat[prefix];
  return re !== undefined && re.test(rest);
}

/** Australian Business Number: 11 digits with the ATO weighted mod-89 check. */
export function isValidAbn(text: string): boolean {
  const digits = text.replace(/\s/g, "");
  if (!/^\d{11}$/.test(digits)) return false;
  const weights = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
  const sum = weights.reduce((acc, w, i) => acc + (Number(digits.charAt(i)) - (i === 0 ? 1 : 0)) * w, 0);
  return sum % 89 === 0;
}

const gstinChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Indian GSTIN: state code, PAN, entity number, "Z", and a base-36 check character. */
export function isValidGstin(text: string): boolean {
  const g = text.toUpperCase();
  if (!/^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/.test(g)) return false;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const product = gstinChars.indexOf(g.charAt(i)) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return gstinChars.charAt((36 - (sum % 36)) % 36) === g.charAt(14);
}

/** Argentine CUIT: 11 digits (type, number, check) with a weighted mod-11 check. */
export function isValidCuit(text: string): boolean {
  const digits = text.replace(/-/g, "");
  if (!/^\d{11}$/.test(digits)) return false;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const rest = weights.reduce((acc, w, i) => acc + w * Number(digits.charAt(i)), 0) % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check < 10 && check === Number(digits.charAt(10));
}

/** Polish NIP: 10 digits with a weighted mod-11 check. */
export function isValidNip(text: string): boolean {
  const digits = text.replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(digits)) return false;
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits.charAt(i)), 0);
  return sum % 11 === Number(digits.charAt(9));
}

type TaxPattern = {
  re: RegExp;
  kind: TaxIdKind;
  country: (m: RegExpMatchArray) => string;
  check: (value: string) => boolean;
  value?: (raw: string) => string;
};

const taxPatterns: TaxPattern[] = [
  { re: /\b\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]\b/gu, kind: "in_gstin", country: () => "IN", check: isValidGstin },
  {
    re: /\bCHE[- ]?\d{3}\.?\d{3}\.?\d{3}(?:\s?(?:MWST|TVA|IVA))?\b/gu,
    kind: "ch_uid",
    country: () => "CH",
    check: () => true,
    value: (raw) => raw.replace(/\s?(?:MWST|TVA|IVA)$/, ""),
  },
  {
    re: /\b(?:GB|XI)\s?\d{3}\s?\d{4}\s?\d{2}(?:\s?\d{3})?\b/gu,
    kind: "gb_vat",
    country: () => "GB",
    check: isValidVatNumber,
  },
  {
    re: /\b(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK)\s?[A-Z0-9][A-Z0-9 .+*]{6,14}[A-Z0-9]\b/gu,
    kind: "eu_vat",
    country: (m) => (m[0].slice(0, 2) === "EL" ? "GR" : m[0].slice(0, 2)),
    check: isValidVatNumber,
  },
  { re: /\bT\d{13}\b/gu, kind: "jp_invoice", country: () => "JP", check: () => true },
  { re: /(?<![\d-])\d{2}-\d{7}(?![\d-])/gu, kind: "us_ein", country: () => "US", check: () => true },
  { re: /(?<!\d)\d{2}\s?\d{3}\s?\d{3}\s?\d{3}(?!\d)/gu, kind: "au_abn", country: () => "AU", check: isValidAbn },
  {
    re: /(?<![\d-])(?:20|2[3-7]|30|33|34)-\d{8}-\d(?![\d-])/gu,
    kind: "ar_cuit",
    country: () => "AR",
    check: isValidCuit,
  },
  {
    re: /(?<![\d-])\d{3}(?:-|\s)?\d{3}(?:-|\s)?\d{2}(?:-|\s)?\d{2}(?![\d-])/gu,
    kind: "pl_nip",
    country: () => "PL",
    check: isValidNip,
  },
  {
    re: /(?:\bNO\s?)?(?<!\d)\d{3}\s?\d{3}\s?\d{3}\s?MVA\b/gu,
    kind: "no_orgnr",
    country: () => "NO",
    check: () => true,
  },
  {
    re: /\b[A-ZÑ&]{3,4}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[A-Z\d]{3}\b/gu,
    kind: "mx_rfc",
    country: () => "MX",
    check: () => true,
  },
  { re: /\b[A-Z]\d{2}-\d{4}-\d{8}\b/gu, kind: "my_sst", country: () => "MY", check: () => true },
  { re: /(?<![\d-])\d{11}(?![\d-])/gu, kind: "it_piva", country: () => "IT", check: isValidPartitaIva },
  { re: /(?<!\d)\d{9}\s?RT\s?\d{4}\b/gu, kind: "ca_bn", country: () => "CA", check: () => true },
  {
    re: /\b(?:\d{8}|[XYZ]\d{7})[A-Z]\b|\b[A-HJNP-SUVW]\d{7}[0-9A-J]\b/gu,
    kind: "es_nif",
    country: () => "ES",
    check: isValidSpanishNif,
  },
];

/**
 * Tax identifiers in text. Bare-digit formats (EIN, ABN, NIP) are only trustworthy next to their label, so the
 * caller decides with `labelled`; checksummed ones (ABN, NIP, GSTIN) are always verified.
 */
export function findTaxIds(text: string): TaxIdMatch[] {
  const out: TaxIdMatch[] = [];
  // Bank account numbers contain digit runs that look like tax ids; an IBAN is never one.
  const ibans = takenBy(text.length, findIbans(text));
  const taken = new Taken(text.length);
  for (const p of taxPatterns) {
    for (const m of allMatches(p.re, text)) {
      let raw = m[0];
      // VAT numbers can be followed by words; trim back to the longest valid prefix.
      while (raw.length > 4 && !p.check(p.value ? p.value(raw) : raw)) {
        if (p.kind !== "eu_vat" && p.kind !== "gb_vat") break;
        raw = raw.slice(0, -1).trimEnd();
      }
      const value = p.value ? p.value(raw) : raw;
      if (!p.check(value)) continue;
      const start = m.index;
      const end = start + raw.length;
      if (taken.overlaps(start, end) || ibans.overlaps(start, end)) continue;
      taken.take(start, end);
      out.push({ start, end, text: raw, value: normalizeTaxValue(value, p.kind), kind: p.kind, country: p.country(m) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function normalizeTaxValue(value: string, kind: TaxIdKind): string {
  if (kind === "us_ein" || kind === "ch_uid" || kind === "my_sst") return value.replace(/\s/g, "");
  if (kind === "au_abn" || kind === "pl_nip" || kind === "no_orgnr" || kind === "ca_bn")
    return value.replace(/[\s-]/g, "");
  return normalizeTaxId(value);
}

/** Spanish NIF/NIE (DNI number and control letter) or CIF (letter, seven digits, control). */
export function isValidSpanishNif(text: string): boolean {
  const v = text.toUpperCase();
  const dni = /^([XYZ]|\d)(\d{7})([A-Z])$/.exec(v);
  if (dni) {
    const lead = { X: "0", Y: "1", Z: "2" }[dni[1] ?? ""] ?? dni[1] ?? "";
    return "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Number(lead + (dni[2] ?? "")) % 23) === dni[3];
  }
  const cif = /^([A-HJNP-SUVW])(\d{7})([0-9A-J])$/.exec(v);
  if (!cif) return false;
  const digits = cif[2] ?? "";
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits.charAt(i));
    if (i % 2 === 0) {
      const twice = d * 2;
      sum += Math.floor(twice / 10) + (twice % 10);
    } else sum += d;
  }
  const control = (10 - (sum % 10)) % 10;
  return cif[3] === String(control) || cif[3] === "JABCDEFGHI".charAt(control);
}

/** Italian partita IVA: eleven digits, Luhn-style check on the last. */
export function isValidPartitaIva(text: string): boolean {
  if (!/^\d{11}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 11; i++) {
    let d = Number(text.charAt(i));
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
