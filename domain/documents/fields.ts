import type { DocumentClass, ExtractedFields, LineItem } from "./types";

/**
 * The one list of an extraction's fields: confidence thresholds, the low-confidence rule, required fields, task
 * edits, labels and pages take their names, labels and kinds from here.
 */

/** How a field's value is read, shown and typed: money is integer minor units, dates ISO yyyy-mm-dd. */
export type ExtractionFieldKind = "text" | "date" | "money" | "currency" | "number" | "bank" | "lines";

export type FieldSpec = { label: string; kind: ExtractionFieldKind };

/** A confidence is kept for the document's class as for any field; it is named alongside them. */
export type DocumentClassField = "documentClass";
export const documentClassField: DocumentClassField = "documentClass";

// Keyed by the types themselves, so a key added to `ExtractedFields` or `LineItem` needs its spec here to compile.
// Their order is the order people read a document in, and the order every list of the fields takes.
export const extractionFieldSpecs = {
  vendorName: { label: "vendor name", kind: "text" },
  vendorTaxId: { label: "vendor tax id", kind: "text" },
  documentNumber: { label: "document number", kind: "text" },
  poNumber: { label: "PO number", kind: "text" },
  issueDate: { label: "issue date", kind: "date" },
  dueDate: { label: "due date", kind: "date" },
  currency: { label: "currency", kind: "currency" },
  subtotalMinor: { label: "subtotal", kind: "money" },
  taxMinor: { label: "tax", kind: "money" },
  totalMinor: { label: "total", kind: "money" },
  paymentTerms: { label: "payment terms", kind: "text" },
  bankDetails: { label: "bank details", kind: "bank" },
  lines: { label: "line items", kind: "lines" },
} as const satisfies Record<keyof ExtractedFields, FieldSpec>;

export const lineFieldSpecs = {
  description: { label: "description", kind: "text" },
  quantity: { label: "quantity", kind: "number" },
  unitPriceMinor: { label: "unit price", kind: "money" },
  amountMinor: { label: "amount", kind: "money" },
  sku: { label: "SKU", kind: "text" },
} as const satisfies Record<keyof LineItem, FieldSpec>;

// The names are the specs' keys, in the specs' order, so no second list can drift from them.
export type ExtractionFieldName = keyof typeof extractionFieldSpecs;
export type HeaderFieldName = Exclude<ExtractionFieldName, "lines">;
export type LineFieldName = keyof typeof lineFieldSpecs;

/** Every key of `ExtractedFields`: the header fields, then the line items. */
export const extractionFieldNames = Object.keys(extractionFieldSpecs) as ExtractionFieldName[];

/** The header fields, the ones that carry one value each. */
export const headerFieldNames = extractionFieldNames.filter((name): name is HeaderFieldName => name !== "lines");

export const lineFieldNames = Object.keys(lineFieldSpecs) as LineFieldName[];

type FieldOfKind<Specs extends Record<Name, FieldSpec>, Name extends string, K extends ExtractionFieldKind> = {
  [N in Name]: Specs[N]["kind"] extends K ? N : never;
}[Name];
export type HeaderFieldOfKind<K extends ExtractionFieldKind> = FieldOfKind<
  typeof extractionFieldSpecs,
  HeaderFieldName,
  K
>;
export type LineFieldOfKind<K extends ExtractionFieldKind> = FieldOfKind<typeof lineFieldSpecs, LineFieldName, K>;

function fieldsOfKind<Name extends string, Specs extends Record<Name, FieldSpec>, K extends ExtractionFieldKind>(
  specs: Specs,
  names: readonly Name[],
  kind: K,
): FieldOfKind<Specs, Name, K>[] {
  return names.filter((name): name is FieldOfKind<Specs, Name, K> => specs[name].kind === kind);
}

/** The header fields of one kind, in reading order, typed so that their values are too. */
export function headerFieldsOfKind<K extends ExtractionFieldKind>(kind: K): HeaderFieldOfKind<K>[] {
  return fieldsOfKind(extractionFieldSpecs, headerFieldNames, kind);
}

export function lineFieldsOfKind<K extends ExtractionFieldKind>(kind: K): LineFieldOfKind<K>[] {
  return fieldsOfKind(lineFieldSpecs, lineFieldNames, kind);
}

/** The label a sentence uses; an invoice's or a PO's own number is called what that document calls it. */
export function fieldLabel(
  name: ExtractionFieldName | DocumentClassField,
  documentClass: DocumentClass | null,
): string {
  if (name === documentClassField) return "document type";
  if (name === "documentNumber" && documentClass === "invoice") return "invoice number";
  if (name === "documentNumber" && documentClass === "purchase_order") return "PO number";
  return extractionFieldSpecs[name].label;
}

export function lineFieldLabel(name: LineFieldName): string {
  return lineFieldSpecs[name].label;
}

export function fieldKind(name: ExtractionFieldName): ExtractionFieldKind {
  return extractionFieldSpecs[name].kind;
}

export function isExtractionFieldName(name: string): name is ExtractionFieldName {
  return (extractionFieldNames as readonly string[]).includes(name);
}
