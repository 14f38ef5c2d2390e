import type { Extraction, Field, Finding } from "../documents/types";
import type { ConfidenceField, Thresholds } from "../thresholds";
import type { RuleContext } from "./context";
import { fieldLabel, lineFieldLabel, requiredFieldsByClass, requiredLineFieldsByClass, type FieldName } from "./fields";
import { finding, lineLabel, linePath } from "./support";

export type UnsureField = { field: string; label: string; confidence: number; threshold: number };

const topLevelFields = [
  "vendorName",
  "vendorTaxId",
  "documentNumber",
  "poNumber",
  "issueDate",
  "dueDate",
  "currency",
  "subtotalMinor",
  "taxMinor",
  "totalMinor",
  "paymentTerms",
  "bankDetails",
] as const satisfies readonly FieldName[];
const lineFields = ["description", "quantity", "unitPriceMinor", "amountMinor", "sku"] as const;

/**
 * Fields that were read but below their confidence threshold. `required` looks at the document type and what its
 * class requires; `present` at every field that carries a value (what auto-posting needs). Absent fields are the
 * required-fields rule's business, not this one's.
 */
export function fieldsBelowThreshold(
  extraction: Extraction,
  thresholds: Thresholds,
  scope: "required" | "present",
): UnsureField[] {
  const documentClass = extraction.documentClass.value;
  const required = documentClass === null ? [] : requiredFieldsByClass[documentClass];
  const requiredLine = documentClass === null ? [] : requiredLineFieldsByClass[documentClass];
  const unsure: UnsureField[] = [];
  const check = (field: Field<unknown> | undefined, path: string, label: string, key: ConfidenceField) => {
    if (field === undefined || field.value === null) return;
    const threshold = thresholds.confidence[key];
    if (field.confidence < threshold) unsure.push({ field: path, label, confidence: field.confidence, threshold });
  };

  check(extraction.documentClass, "documentClass", fieldLabel("documentClass", documentClass), "documentClass");
  for (const name of topLevelFields) {
    if (scope === "required" && !required.includes(name)) continue;
    check(extraction.fields[name], name, fieldLabel(name, documentClass), name);
  }
  // When a class requires lines, their amounts matter as much as the fields it names.
  const requiredLineChecks = new Set<string>(required.includes("lines") ? [...requiredLine, "amountMinor"] : []);
  extraction.fields.lines.forEach((line, index) => {
    for (const name of lineFields) {
      if (scope === "required" && !requiredLineChecks.has(name)) continue;
      check(line[name], linePath(index, name), `${lineLabel(index)} ${lineFieldLabel(name)}`, `lines.${name}`);
    }
  });
  return unsure;
}

/** A required field the extractor is unsure of needs a person to read it. */
export function checkLowConfidence({
  extraction,
  thresholds,
}: Pick<RuleContext, "extraction" | "thresholds">): Finding[] {
  const unsure = fieldsBelowThreshold(extraction, thresholds, "required");
  if (unsure.length === 0) return [];
  const list = unsure.map((u) => `${u.label} (${percent(u.confidence)}, needs ${percent(u.threshold)})`).join(", ");
  return [
    finding(
      "low-confidence",
      "warning",
      `Check these fields against the document; Keel is unsure of them: ${list}.`,
      unsure.map((u) => u.field),
      {
        fields: unsure,
        provider: extraction.provider,
      },
    ),
  ];
}

function percent(confidence: number): string {
  return `${String(Math.round(confidence * 100))} %`;
}
