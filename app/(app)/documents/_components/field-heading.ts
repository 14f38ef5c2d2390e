import type { DocumentClass } from "@/domain/documents/types";
import { fieldLabel, type DocumentClassField, type ExtractionFieldName } from "@/domain/documents/fields";

/** A field's label as a heading: the domain's sentence label with a capital, e.g. "Invoice number". */
export function fieldHeading(name: ExtractionFieldName | DocumentClassField, documentClass: DocumentClass | null): string {
  return fieldLabel(name, documentClass).replace(/^./, (c) => c.toUpperCase());
}
