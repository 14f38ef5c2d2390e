import type { DocumentClass, ExtractedFields, LineItem } from "../documents/types";

export type FieldName = keyof ExtractedFields;
export type LineFieldName = Exclude<keyof LineItem, "sku">;

/** What each class must carry to be acted on; `lines` means at least one line. */
export const requiredFieldsByClass: Record<DocumentClass, FieldName[]> = {
  invoice: ["vendorName", "documentNumber", "issueDate", "currency", "totalMinor"],
  purchase_order: ["vendorName", "documentNumber", "currency", "lines", "totalMinor"],
  quote: ["vendorName", "currency", "lines"],
  price_change: ["vendorName", "currency", "lines"],
  bank_detail_change: ["vendorName", "bankDetails"],
  other: [],
};

/** What every line of a class must carry. */
export const requiredLineFieldsByClass: Record<DocumentClass, LineFieldName[]> = {
  invoice: [],
  purchase_order: ["description", "quantity", "unitPriceMinor"],
  quote: ["description", "unitPriceMinor"],
  price_change: ["description", "unitPriceMinor"],
  bank_detail_change: [],
  other: [],
};

const labels: Record<FieldName, string> = {
  vendorName: "vendor name",
  vendorTaxId: "vendor tax id",
  documentNumber: "document number",
  poNumber: "PO number",
  issueDate: "issue date",
  dueDate: "due date",
  currency: "currency",
  subtotalMinor: "subtotal",
  taxMinor: "tax",
  totalMinor: "total",
  paymentTerms: "payment terms",
  bankDetails: "bank details",
  lines: "line items",
};

const lineLabels: Record<LineFieldName | "sku", string> = {
  description: "description",
  quantity: "quantity",
  unitPriceMinor: "unit price",
  amountMinor: "amount",
  sku: "SKU",
};

export function fieldLabel(name: FieldName | "documentClass", documentClass: DocumentClass | null): string {
  if (name === "documentClass") return "document type";
  if (name === "documentNumber" && documentClass === "invoice") return "invoice number";
  if (name === "documentNumber" && documentClass === "purchase_order") return "PO number";
  return labels[name];
}

export function lineFieldLabel(name: LineFieldName | "sku"): string {
  return lineLabels[name];
}
