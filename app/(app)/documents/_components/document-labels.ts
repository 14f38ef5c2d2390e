import type { DocumentClass } from "@/domain/documents/types";
import { fieldLabel, type DocumentClassField, type ExtractionFieldName } from "@/domain/documents/fields";

/** A field's label as a heading: the domain's sentence label with a capital, e.g. "Invoice number". */
export function fieldHeading(
  name: ExtractionFieldName | DocumentClassField,
  documentClass: DocumentClass | null,
): string {
  return fieldLabel(name, documentClass).replace(/^./, (c) => c.toUpperCase());
}

// Keyed by the domain's classes, so a new class needs its label here to compile; the order is the one people pick in.
export const documentClassLabels: Record<DocumentClass, string> = {
  invoice: "Invoice",
  purchase_order: "Purchase order",
  quote: "Quote",
  price_change: "Price change",
  bank_detail_change: "Bank detail change",
  other: "Other",
};
