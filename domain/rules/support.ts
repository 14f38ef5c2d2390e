import type { Finding, Severity } from "../documents/types";
import { formatMoney, isCurrencyCode } from "../money";
import type { RuleId } from "./rule-ids";

/** Formats an amount for a message; without a usable currency the bare minor units are honest, a guess is not. */
export function formatAmount(minor: number, currency: string | null): string {
  if (currency !== null && isCurrencyCode(currency)) return formatMoney({ minor, currency });
  return `${String(minor)} minor units (currency unknown)`;
}

/** Field path of a line's field, as findings name it: `lines[2].amountMinor`. */
export function linePath(index: number, field: string): string {
  return `lines[${String(index)}].${field}`;
}

/** 1-based line label for people. */
export function lineLabel(index: number): string {
  return `line ${String(index + 1)}`;
}

export function finding(
  rule: RuleId,
  severity: Severity,
  message: string,
  fields: string[],
  details?: Record<string, unknown>,
): Finding {
  return details === undefined ? { rule, severity, message, fields } : { rule, severity, message, fields, details };
}

/** Case, spacing and punctuation differ between documents of one vendor; identity does not. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "INV-0042", "inv 0042" and "INV0042" are one invoice number. */
export function normalizeIdentifier(text: string): string {
  return text.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Whole days between two ISO dates; null when either is not a valid yyyy-mm-dd date. */
export function daysBetween(a: string, b: string): number | null {
  const da = parseIsoDate(a);
  const db = parseIsoDate(b);
  if (da === null || db === null) return null;
  return Math.round(Math.abs(da - db) / 86_400_000);
}

export function parseIsoDate(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [, y, m, d] = match.map(Number);
  if (y === undefined || m === undefined || d === undefined) return null;
  const time = Date.UTC(y, m - 1, d);
  const date = new Date(time);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip does not exist.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return time;
}

/** Percent change from `before` to `after`, one decimal, for messages. */
export function percentChange(before: number, after: number): number {
  return Math.round(((after - before) / Math.abs(before)) * 1000) / 10;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
