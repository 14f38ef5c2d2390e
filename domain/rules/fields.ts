import type { ExtractionFieldName, LineFieldName as AnyLineFieldName } from "../documents/fields";
import type { DocumentClass } from "../documents/types";

export { fieldLabel, lineFieldLabel } from "../documents/fields";

export type FieldName = ExtractionFieldName;
/** A line's SKU is never required. */
export type LineFieldName = Exclude<AnyLineFieldName, "sku">;

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
