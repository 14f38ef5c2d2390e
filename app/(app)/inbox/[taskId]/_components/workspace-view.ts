import type { Evidence, Extraction, ExtractedText } from "@/domain/documents/types";
import { formatMoney, isCurrencyCode } from "@/domain/money";
import { editableFields, fieldEvidence, fieldKind, fieldValues, formatFieldValue } from "@/domain/tasks/edits";
import { formatBankDetails } from "@/lib/format";
import { highlight } from "@/lib/highlight";
import { fieldHeading } from "@/app/(app)/documents/_components/document-labels";
import type { FieldView, PageView } from "./field-view";

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

/** Bank details and line items: shown with their confidence and evidence, never corrected on the task page. */
function readOnlyViews(
  extraction: Extraction,
  currency: string | null,
): { view: FieldView; evidence: Evidence | null }[] {
  const { bankDetails, lines } = extraction.fields;
  const money = (minor: number | null) =>
    minor === null ? "?" : currency && isCurrencyCode(currency) ? formatMoney({ minor, currency }) : String(minor);
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
            },
            evidence: bankDetails.evidence,
          },
        ]
      : []),
    ...lines.map((line, i) => {
      const confidence = Math.min(
        line.description.confidence,
        line.quantity.confidence,
        line.unitPriceMinor.confidence,
        line.amountMinor.confidence,
      );
      const where = line.description.evidence ?? line.amountMinor.evidence;
      const value = `${String(line.quantity.value ?? "?")} × ${line.description.value ?? "?"} at ${money(line.unitPriceMinor.value)} = ${money(line.amountMinor.value)}`;
      return {
        view: {
          name: `line-${String(i)}`,
          label: `Line ${String(i + 1)}`,
          kind: "text" as const,
          value,
          suffix: null,
          confidence,
          evidencePage: where?.page ?? null,
        },
        evidence: where,
      };
    }),
  ];
}

/** The fields as the page edits them, those it only shows, and the document's pages with every field's evidence marked. */
export function workspaceOf(
  extraction: Extraction,
  text: ExtractedText | undefined,
): { fields: FieldView[]; readOnly: FieldView[]; pages: PageView[] } {
  const values = fieldValues(extraction);
  const currency = typeof values.currency === "string" ? values.currency : null;
  const evidence = fieldEvidence(extraction);
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
    };
  });
  const shown = readOnlyViews(extraction, currency);
  const marks = [
    ...evidence.map((e) => ({ key: e.field, evidence: e.evidence })),
    ...shown.map((s) => ({ key: s.view.name, evidence: s.evidence })),
  ];
  const pages = (text?.pages ?? []).map((page) => ({
    page: page.page,
    segments: highlight(
      page.text,
      marks.flatMap((m) =>
        m.evidence && m.evidence.page === page.page
          ? [{ key: m.key, start: m.evidence.start, end: m.evidence.end }]
          : [],
      ),
    ),
  }));
  return { fields, readOnly: shown.map((s) => s.view), pages };
}
