import type { BankDetails, DocumentClass, ExtractedFields, Extraction, Field, LineItem } from "../documents/types";
import { defaultThresholds, resolveThresholds, type ThresholdsOverride } from "../thresholds";
import type { EarlierDocument, PriorDocument, PurchaseOrderRecord, RuleContext, VendorMaster } from "./context";

/** Test data for rules, risk and routing: a clean, confident invoice unless told otherwise. */

export function field<T>(value: T | null, confidence = 0.99): Field<T> {
  return { value, confidence: value === null ? 0 : confidence, evidence: null };
}

export type LineInput = {
  description?: string | null;
  quantity?: number | null;
  unitPriceMinor?: number | null;
  amountMinor?: number | null;
  sku?: string | null;
  confidence?: number;
};

export function line(input: LineInput = {}): LineItem {
  const confidence = input.confidence ?? 0.99;
  const quantity = input.quantity === undefined ? 1 : input.quantity;
  const unitPrice = input.unitPriceMinor === undefined ? 1000 : input.unitPriceMinor;
  const amount =
    input.amountMinor !== undefined
      ? input.amountMinor
      : quantity === null || unitPrice === null
        ? null
        : Math.round(quantity * unitPrice);
  const item: LineItem = {
    description: field(input.description === undefined ? "Widget" : input.description, confidence),
    quantity: field(quantity, confidence),
    unitPriceMinor: field(unitPrice, confidence),
    amountMinor: field(amount, confidence),
  };
  if (input.sku !== undefined) item.sku = field(input.sku, confidence);
  return item;
}

type Values = { [K in Exclude<keyof ExtractedFields, "lines">]?: ExtractedFields[K]["value"] };

export type ExtractionInput = Values & {
  documentClass?: DocumentClass | null;
  lines?: LineInput[];
  /** Confidence of every field, unless `confidenceOf` names it. */
  confidence?: number;
  confidenceOf?: Partial<Record<keyof Values | "documentClass", number>>;
  provider?: string;
};

/**
 * Lines default to 2 × 10.00 "Widget" and 1 × 5.50 "Gadget"; subtotal, tax (20 %) and total follow from them unless
 * given. Pass `null` to leave a field unread.
 */
export function makeExtraction(input: ExtractionInput = {}): Extraction {
  const confidence = input.confidence ?? 0.99;
  const lineInputs = input.lines ?? [
    { description: "Widget", sku: "W-1", quantity: 2, unitPriceMinor: 1000 },
    { description: "Gadget", sku: "G-1", quantity: 1, unitPriceMinor: 550 },
  ];
  const lines = lineInputs.map((l) => line({ confidence, ...l }));
  const lineSum = lines.reduce((sum, l) => sum + (l.amountMinor.value ?? 0), 0);
  const subtotal = input.subtotalMinor !== undefined ? input.subtotalMinor : lineSum;
  const tax = input.taxMinor !== undefined ? input.taxMinor : subtotal === null ? null : Math.round(subtotal * 0.2);
  const total = input.totalMinor !== undefined ? input.totalMinor : subtotal === null ? null : subtotal + (tax ?? 0);
  const pick = <T>(name: keyof Values, given: T | null | undefined, fallback: T | null): Field<T> =>
    field(given === undefined ? fallback : given, input.confidenceOf?.[name] ?? confidence);

  const fields: ExtractedFields = {
    vendorName: pick("vendorName", input.vendorName, "ACME Ltd"),
    vendorTaxId: pick("vendorTaxId", input.vendorTaxId, "GB123456789"),
    documentNumber: pick("documentNumber", input.documentNumber, "INV-1001"),
    poNumber: pick("poNumber", input.poNumber, null),
    issueDate: pick("issueDate", input.issueDate, "2026-11-02"),
    dueDate: pick("dueDate", input.dueDate, null),
    currency: pick("currency", input.currency, "EUR"),
    subtotalMinor: pick("subtotalMinor", subtotal, null),
    taxMinor: pick("taxMinor", tax, null),
    totalMinor: pick("totalMinor", total, null),
    paymentTerms: pick("paymentTerms", input.paymentTerms, null),
    bankDetails: pick<BankDetails>("bankDetails", input.bankDetails, null),
    lines,
  };
  const documentClass = input.documentClass === undefined ? "invoice" : input.documentClass;
  return {
    documentClass: field(documentClass, input.confidenceOf?.documentClass ?? confidence),
    fields,
    provider: input.provider ?? "claude-test",
    promptVersion: "test-1",
  };
}

export function bankDetails(input: Partial<BankDetails> = {}): BankDetails {
  return { iban: null, bic: null, accountNumber: null, sortCode: null, accountName: null, ...input };
}

export function makeVendor(input: Partial<VendorMaster> = {}): VendorMaster {
  return {
    id: "vendor-acme",
    name: "ACME Ltd",
    aliases: ["ACME Trading"],
    taxId: "GB123456789",
    currency: "EUR",
    bankDetails: { iban: "GB29NWBK60161331926819", bic: "NWBKGB2L", accountNumber: null, sortCode: null },
    ...input,
  };
}

let priorSequence = 0;
export function makePriorDocument(input: Partial<PriorDocument> = {}): PriorDocument {
  priorSequence += 1;
  return {
    documentId: `prior-${String(priorSequence)}`,
    documentClass: "invoice",
    number: `INV-0${String(priorSequence)}`,
    issueDate: "2026-10-01",
    totalMinor: 99_99,
    currency: "EUR",
    lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 1000 }],
    ...input,
  };
}

/** An earlier invoice from the same vendor on file (ACME, as `makeVendor`), waiting for a decision. */
export function makeEarlierDocument(input: Partial<EarlierDocument> = {}): EarlierDocument {
  const prior = makePriorDocument(input);
  return {
    filename: `${prior.documentId}.pdf`,
    status: "needs_review",
    seller: { vendorId: "vendor-acme", taxIds: [], ibans: [], names: [] },
    textSimilarity: null,
    ...prior,
    ...input,
  };
}

export function makePurchaseOrder(input: Partial<PurchaseOrderRecord> = {}): PurchaseOrderRecord {
  return {
    number: "PO-4471",
    currency: "EUR",
    subtotalMinor: 2550,
    totalMinor: 3060,
    lines: [
      { description: "Widget", sku: "W-1", quantity: 2, unitPriceMinor: 1000, amountMinor: 2000 },
      { description: "Gadget", sku: "G-1", quantity: 1, unitPriceMinor: 550, amountMinor: 550 },
    ],
    ...input,
  };
}

export function makeContext(
  input: Partial<Omit<RuleContext, "thresholds">> & { thresholds?: ThresholdsOverride } = {},
): RuleContext {
  return {
    documentId: input.documentId ?? "doc-current",
    extraction: input.extraction ?? makeExtraction(),
    vendor: input.vendor === undefined ? makeVendor() : input.vendor,
    vendorDocuments: input.vendorDocuments ?? [],
    earlierDocuments: input.earlierDocuments ?? [],
    purchaseOrder: input.purchaseOrder ?? null,
    budget: input.budget ?? null,
    thresholds: input.thresholds ? resolveThresholds(input.thresholds) : defaultThresholds,
  };
}
