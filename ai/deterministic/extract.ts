import type {
  DocumentClass,
  Evidence,
  ExtractedFields,
  ExtractedText,
  Extraction,
  Field,
} from "@/domain/documents/types";
import { findCurrencyMentions } from "@/domain/parse/currency";
import { addDays, findDates } from "@/domain/parse/dates";
import { extractBankDetails } from "./bank";
import { classify } from "./classify";
import { buildContext, type DocContext } from "./context";
import { emptyField, field } from "./fields";
import {
  documentNumberLabel,
  dueDateLabels,
  invoiceNumberLabels,
  issueDateLabelsFor,
  purchaseOrderLabels,
  quoteNumberLabels,
  referenceLabels,
  validUntilLabels,
} from "./labels";
import { extractLineItems, extractPriceLines } from "./line-items";
import { evidenceAt, type Line } from "./lines";
import { locate, outsideItemTable, type Label, type Located } from "./locate";
import { readDate, readIdentifier } from "./readers";
import { salesPointNumber } from "./sales-point";
import { extractPaymentTerms, termsDays } from "./terms";
import { extractTotals } from "./totals";
import { extractVendorName, extractVendorTaxId, type KnownVendor } from "./vendor";

export type DeterministicHints = { knownVendors?: KnownVendor[] };

export const providerName = "deterministic";

/**
 * Keel's rule-based extractor: label proximity, locale-aware parsing and consistency checks, no model. It is the
 * last provider of the chain and the whole chain without an API key. Text that addresses an AI is masked first.
 */
export function extractDeterministic(text: ExtractedText, hints: DeterministicHints = {}): Extraction {
  const ctx = buildContext(text);
  const documentClass = classify(ctx);
  const cls = documentClass.value ?? "other";
  const known = hints.knownVendors ?? [];

  const items =
    cls === "bank_detail_change"
      ? { items: [], rows: new Set<number>(), sum: null }
      : cls === "price_change"
        ? { items: extractPriceLines(ctx), rows: new Set<number>(), sum: null }
        : extractLineItems(ctx);
  const totals =
    cls === "bank_detail_change" || cls === "price_change"
      ? { subtotalMinor: emptyField<number>(), taxMinor: emptyField<number>(), totalMinor: emptyField<number>() }
      : extractTotals(ctx, items.rows, items.sum);

  const documentNumber = salesPointNumber(ctx) ?? identifierField(ctx, numberLabelsFor(cls));
  const poNumber = cls === "purchase_order" ? documentNumber : identifierField(ctx, purchaseOrderLabels);
  const issueDate = orElse(dateField(ctx, issueDateLabelsFor(cls), items.rows), () => firstDate(ctx));
  const paymentTerms = extractPaymentTerms(ctx);
  let dueDate = dateField(ctx, cls === "quote" ? [...dueDateLabels, ...validUntilLabels] : dueDateLabels);
  if (dueDate.value === null && issueDate.value !== null && paymentTerms.value !== null && cls === "invoice") {
    const days = termsDays(paymentTerms.value);
    if (days !== null) dueDate = field(addDays(issueDate.value, days), 0.5, paymentTerms.evidence);
  }
  const hasMoney = totals.totalMinor.value !== null || items.items.length > 0;
  const currency =
    hasMoney || cls === "price_change" ? currencyField(ctx, totals.totalMinor.evidence) : emptyField<string>();

  const fields: ExtractedFields = {
    vendorName: extractVendorName(ctx, known),
    vendorTaxId: extractVendorTaxId(ctx, known, cls),
    documentNumber: cls === "bank_detail_change" ? emptyField() : documentNumber,
    poNumber: cls === "bank_detail_change" ? emptyField() : poNumber,
    issueDate,
    dueDate: cls === "invoice" || cls === "quote" ? dueDate : emptyField(),
    currency,
    subtotalMinor: totals.subtotalMinor,
    taxMinor: totals.taxMinor,
    totalMinor: totals.totalMinor,
    paymentTerms: cls === "bank_detail_change" ? emptyField() : paymentTerms,
    bankDetails: extractBankDetails(ctx),
    lines: items.items,
  };
  return { documentClass, fields, provider: providerName, promptVersion: null };
}

function numberLabelsFor(cls: DocumentClass): Label[] {
  switch (cls) {
    case "purchase_order":
      return [...purchaseOrderLabels, documentNumberLabel];
    case "quote":
      return [...quoteNumberLabels, ...referenceLabels];
    case "price_change":
    case "bank_detail_change":
    case "other":
      return [...referenceLabels, ...invoiceNumberLabels];
    case "invoice":
      // A bare "Référence"/"Reference" is the invoice's number only when nothing says "invoice number".
      return [...invoiceNumberLabels, ...referenceLabels.map((l) => ({ ...l, strength: l.strength * 0.8 }))];
  }
}

function toField<T, U>(found: Located<T> | null, map: (v: T) => U, penalty = 1): Field<U> {
  if (!found) return emptyField();
  return field(map(found.value), found.confidence * penalty, evidenceAt(found.line, found.start, found.end));
}

function identifierField(ctx: DocContext, labels: Label[]): Field<string> {
  return toField(locate(ctx.lines, labels, readIdentifier), (v) => v);
}

/** A date read in a line item's row (under a "Date" column heading) is that line's date, not the document's. */
function dateField(ctx: DocContext, labels: Label[], lineItemRows: Set<number> = new Set()): Field<string> {
  const found = locate(ctx.lines, labels, readDate(ctx.dateOrder), undefined, outsideItemTable(lineItemRows));
  // A day/month order that had to be guessed from the locale is less certain than one the values settle.
  return toField(found, (v) => v.iso, found?.value.ambiguous ? 0.85 : 1);
}

/** The currency, evidenced by a mention on the total's line if there is one, else by the first mention. */
function currencyField(ctx: DocContext, total: Evidence | null): Field<string> {
  if (!ctx.currency) return emptyField();
  const code = ctx.currency.code;
  const mentions = ctx.lines.flatMap((line) =>
    findCurrencyMentions(line.text, ctx.currencyHints)
      .filter((m) => m.code === code)
      .map((m) => ({ line, m })),
  );
  const onTotalLine = (line: Line): boolean =>
    total !== null && line.page === total.page && line.start <= total.start && total.start <= line.end;
  const pick = mentions.find((x) => onTotalLine(x.line)) ?? mentions[0];
  return field(code, ctx.currency.confidence, pick ? evidenceAt(pick.line, pick.m.start, pick.m.end) : null);
}

function orElse<T>(f: Field<T>, fallback: () => Field<T>): Field<T> {
  return f.value === null ? fallback() : f;
}

/** Letters and notices date themselves without a label ("Göteborg, 14 March 2025"): the first date near the top. */
function firstDate(ctx: DocContext): Field<string> {
  const top = ctx.lines.filter((l) => l.text.trim() !== "").slice(0, 12);
  for (const line of top) {
    const [d] = findDates(line.text, ctx.dateOrder);
    if (d) return field(d.iso, d.ambiguous ? 0.35 : 0.45, evidenceAt(line, d.start, d.end));
  }
  return emptyField();
}
