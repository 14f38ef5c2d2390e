/** Money is integer minor units plus an ISO 4217 code; never a float. */
export type Money = { minor: number; currency: string };

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return Intl.supportedValuesOf("currency").includes(code);
  } catch {
    return false;
  }
}

/** Digits after the decimal point for a currency: 2 for EUR, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(money: Money, locale = "en-GB"): string {
  const digits = minorDigits(money.currency);
  // A decimal string keeps the exact value; Intl formats strings without passing through a float.
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(toDecimalString(money) as `${number}`);
}

/**
 * Parses an amount a person typed ("7,500.00", "7500", "7500.5") into minor units.
 * Accepts "," only as a thousands separator; returns null for anything ambiguous or with too many decimals.
 */
export function parseAmount(text: string, currency: string): number | null {
  const cleaned = text.trim().replaceAll(" ", "").replaceAll("\u00a0", "");
  if (!/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/.test(cleaned)) return null;
  const [whole = "0", fraction = ""] = cleaned.replaceAll(",", "").split(".");
  const digits = minorDigits(currency);
  if (fraction.length > digits) return null;
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(minor);
}

/** Minor units as a plain decimal string for form fields: 750000 EUR → "7500.00". */
export function toDecimalString({ minor, currency }: Money): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const abs = Math.abs(minor);
  const s = String(abs).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}
