import { documentClassField, fieldLabel, headerFieldNames, lineFieldLabel, lineFieldNames } from "../documents/fields";
import type { Extraction, Field, Finding } from "../documents/types";
import type { ConfidenceField, Thresholds } from "../thresholds";
import type { RuleContext } from "./context";
import { requiredFieldsByClass, requiredLineFieldsByClass } from "./fields";
import { finding, lineLabel, linePath } from "./support";

export type UnsureField = { field: string; label: string; confidence: number; threshold: number };

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
  const pinned = pinnedByArithmetic(extraction, thresholds);
  const check = (field: Field<unknown> | undefined, path: string, label: string, key: ConfidenceField) => {
    if (field === undefined || field.value === null || pinned.has(path)) return;
    const threshold = thresholds.confidence[key];
    if (field.confidence < threshold) unsure.push({ field: path, label, confidence: field.confidence, threshold });
  };

  check(
    extraction.documentClass,
    documentClassField,
    fieldLabel(documentClassField, documentClass),
    documentClassField,
  );
  for (const name of headerFieldNames) {
    if (scope === "required" && !required.includes(name)) continue;
    check(extraction.fields[name], name, fieldLabel(name, documentClass), name);
  }
  // When a class requires lines, their amounts matter as much as the fields it names.
  const requiredLineChecks = new Set<string>(required.includes("lines") ? [...requiredLine, "amountMinor"] : []);
  extraction.fields.lines.forEach((line, index) => {
    for (const name of lineFieldNames) {
      if (scope === "required" && !requiredLineChecks.has(name)) continue;
      check(line[name], linePath(index, name), `${lineLabel(index)} ${lineFieldLabel(name)}`, `lines.${name}`);
    }
  });
  return unsure;
}

/**
 * Subtotal + tax = total with two of them read surely determines the third, so a subtotal or tax read unsurely is
 * as sure as its neighbours. Never the total: on the fixtures a gross total printed above a deducted deposit was
 * taken as payable twice while subtotal + tax = total and the lines added up (`evals/calibration.ts`).
 */
function pinnedByArithmetic(extraction: Extraction, thresholds: Thresholds): Set<string> {
  const { subtotalMinor, taxMinor, totalMinor } = extraction.fields;
  const sure = (field: Field<number>, key: ConfidenceField) =>
    field.value !== null && field.confidence >= thresholds.confidence[key];
  if (subtotalMinor.value === null || taxMinor.value === null || totalMinor.value === null) return new Set();
  if (!sure(totalMinor, "totalMinor")) return new Set();
  if (Math.abs(subtotalMinor.value + taxMinor.value - totalMinor.value) > thresholds.arithmeticToleranceMinor.total)
    return new Set();
  const pinned = new Set<string>();
  if (sure(taxMinor, "taxMinor")) pinned.add("subtotalMinor");
  if (sure(subtotalMinor, "subtotalMinor")) pinned.add("taxMinor");
  return pinned;
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
