import type { Evidence, Extraction, ExtractedText, Finding } from "@/domain/documents/types";
import { requiredFieldsByClass } from "@/domain/rules/fields";
import { defaultThresholds } from "@/domain/thresholds";
import { editableFields, fieldEvidence, fieldKind, fieldValues, formatFieldValue } from "@/domain/tasks/edits";
import { cellMark, type EditMarks } from "@/domain/tasks/edit-marks";
import { lineColumns, lineEditOf, lineValues } from "@/domain/tasks/line-edits";
import { linePath } from "@/domain/rules/support";
import { formatBankDetails } from "@/lib/format";
import { highlight } from "@/lib/highlight";
import { fieldHeading } from "@/app/(app)/documents/_components/document-labels";
import type { FieldView, LineView, PageView } from "./field-view";

const sourceLabels: Record<ExtractedText["source"], string> = {
  "pdf-text": "text layer of the PDF",
  ocr: "read by OCR",
  email: "email",
  csv: "CSV",
  xlsx: "spreadsheet",
  text: "plain text",
};

/** Where the text beside the fields came from. */
export function sourceLabel(text: ExtractedText | undefined): string {
  return text ? sourceLabels[text.source] : "no text";
}

/** The field names and line paths (`lines[1].quantity`) the findings ask a person to look at. */
function flaggedBy(findings: readonly Finding[]): Set<string> {
  return new Set(findings.flatMap((f) => f.fields));
}

/** Bank details: shown with their confidence and evidence, never corrected on the task page. */
function readOnlyViews(extraction: Extraction, flagged: Set<string>): { view: FieldView; evidence: Evidence | null }[] {
  const { bankDetails } = extraction.fields;
  return [
    ...(bankDetails.value
      ? [
          {
            view: {
              name: "bankDetails",
              label: "Bank details",
              kind: "text" as const,
              value: formatBankDetails(bankDetails.value),
              suffix: null,
              confidence: bankDetails.confidence,
              evidencePage: bankDetails.evidence?.page ?? null,
              needsPerson:
                flagged.has("bankDetails") || bankDetails.confidence < defaultThresholds.confidence.bankDetails,
            },
            evidence: bankDetails.evidence,
          },
        ]
      : []),
  ];
}

/** The line items as the grid edits them, each with its lowest confidence and where it was read. */
function lineViews(
  extraction: Extraction,
  currency: string | null,
  flagged: Set<string>,
  marks: EditMarks,
): { view: LineView; evidence: Evidence | null }[] {
  const values = lineValues(extraction.fields.lines);
  return extraction.fields.lines.map((line, i) => {
    const where = line.description.evidence ?? line.amountMinor.evidence;
    const read = values[i];
    const unsure = lineColumns.some(
      (column) =>
        flagged.has(linePath(i, column)) ||
        (line[column].value !== null && line[column].confidence < defaultThresholds.confidence[`lines.${column}`]),
    );
    return {
      view: {
        name: `line-${String(i)}`,
        label: `Line ${String(i + 1)}`,
        edit: read
          ? lineEditOf(read, currency)
          : { description: "", quantity: "", unitPriceMinor: "", amountMinor: "" },
        confidence: Math.min(
          line.description.confidence,
          line.quantity.confidence,
          line.unitPriceMinor.confidence,
          line.amountMinor.confidence,
        ),
        evidencePage: where?.page ?? null,
        needsPerson: unsure,
        edited: Object.fromEntries(
          lineColumns.flatMap((column) => {
            const mark = cellMark(marks, i, column);
            return mark ? [[column, mark]] : [];
          }),
        ),
      },
      evidence: where,
    };
  });
}

/**
 * The fields as the page edits them, the lines as its grid edits them, those it only shows, and the document's pages
 * with every field's evidence marked.
 */
export function workspaceOf(
  extraction: Extraction,
  text: ExtractedText | undefined,
  findings: readonly Finding[] = [],
  marks: EditMarks = {},
): { fields: FieldView[]; lines: LineView[]; readOnly: FieldView[]; pages: PageView[] } {
  const values = fieldValues(extraction);
  const currency = typeof values.currency === "string" ? values.currency : null;
  const evidence = fieldEvidence(extraction);
  const flagged = flaggedBy(findings);
  const required: readonly string[] = requiredFieldsByClass[extraction.documentClass.value ?? "other"];
  const fields = editableFields.map((name, i): FieldView => {
    const seen = evidence[i];
    return {
      name,
      label: fieldHeading(name, extraction.documentClass.value),
      kind: fieldKind(name),
      value: formatFieldValue(name, values[name], currency),
      suffix: fieldKind(name) === "money" ? currency : null,
      confidence: seen?.confidence ?? 0,
      evidencePage: seen?.evidence?.page ?? null,
      needsPerson:
        flagged.has(name) ||
        (values[name] === null
          ? required.includes(name)
          : (seen?.confidence ?? 0) < defaultThresholds.confidence[name]),
      edited: marks[name] ?? null,
    };
  });
  const shown = readOnlyViews(extraction, flagged);
  const lines = lineViews(extraction, currency, flagged, marks);
  const evidenceMarks = [
    ...evidence.map((e) => ({ key: e.field, evidence: e.evidence })),
    ...[...shown, ...lines].map((s) => ({ key: s.view.name, evidence: s.evidence })),
  ];
  const pages = (text?.pages ?? []).map((page) => ({
    page: page.page,
    segments: highlight(
      page.text,
      evidenceMarks.flatMap((m) =>
        m.evidence && m.evidence.page === page.page
          ? [{ key: m.key, start: m.evidence.start, end: m.evidence.end }]
          : [],
      ),
    ),
  }));
  return { fields, lines: lines.map((l) => l.view), readOnly: shown.map((s) => s.view), pages };
}
