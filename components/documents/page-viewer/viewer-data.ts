import { boxesOf } from "@/domain/documents/boxes";
import type { DocumentKind } from "@/domain/documents/kinds";
import type { DocumentClassField, ExtractionFieldName } from "@/domain/documents/fields";
import type { DocumentClass, Evidence, ExtractedText, Extraction, PageBox } from "@/domain/documents/types";
import { fieldEvidence } from "@/domain/tasks/edits";

/** A page the viewer shows; its size (any unit) gives the shape before the image arrives and when it is turned. */
export type ViewerPage = { page: number; width: number; height: number };

/** One field's evidence outlined on a page; `confidence` colours it like the field. */
export type ViewerBox = { field: string; label: string; confidence: number; page: number; box: PageBox };

/** A field as a page lists it: its evidence, if it was read from somewhere. */
export type ViewerField = { field: string; label: string; confidence: number; evidence: Evidence | null };

// A PDF whose text was never read still has a first page; A4 is the likeliest shape for it.
const a4 = { width: 595, height: 842 };

/**
 * The pages to show as images: a PDF's (its text layer gives their sizes), a scan's one page; null for kinds that
 * have no pages (email, CSV, spreadsheet, text), which are shown as text.
 */
export function viewerPages(kind: DocumentKind, text: ExtractedText | undefined): ViewerPage[] | null {
  if (kind !== "pdf" && kind !== "png" && kind !== "jpeg") return null;
  const pages = (text?.pages ?? []).map((p) => ({
    page: p.page,
    width: p.width && p.width > 0 ? p.width : a4.width,
    height: p.height && p.height > 0 ? p.height : a4.height,
  }));
  const shown = kind === "pdf" ? pages : pages.slice(0, 1);
  return shown.length > 0 ? shown : [{ page: 1, ...a4 }];
}

/** Every box of every field with evidence: stored with the extraction, or computed for one stored before that. */
export function viewerBoxes(fields: ViewerField[], text: ExtractedText | undefined): ViewerBox[] {
  return fields.flatMap(({ field, label, confidence, evidence }) =>
    evidence ? boxesOf(evidence, text).map((box) => ({ field, label, confidence, page: evidence.page, box })) : [],
  );
}

type Heading = (name: ExtractionFieldName | DocumentClassField, documentClass: DocumentClass | null) => string;

/**
 * Every field that can have evidence, named as the fields beside the page name them (`totalMinor`, `bankDetails`,
 * `line-0`) so pointing at a box finds its field and back.
 */
export function viewerFields(extraction: Extraction, heading: Heading): ViewerField[] {
  const { vendorTaxId, bankDetails, lines } = extraction.fields;
  return [
    ...fieldEvidence(extraction).map(({ field, confidence, evidence }) => ({
      field,
      label: heading(field, extraction.documentClass.value),
      confidence,
      evidence,
    })),
    {
      field: "vendorTaxId",
      label: heading("vendorTaxId", extraction.documentClass.value),
      confidence: vendorTaxId.confidence,
      evidence: vendorTaxId.evidence,
    },
    { field: "bankDetails", label: "Bank details", confidence: bankDetails.confidence, evidence: bankDetails.evidence },
    ...lines.map((line, i) => ({
      field: `line-${String(i)}`,
      label: `Line ${String(i + 1)}`,
      confidence: line.amountMinor.confidence,
      evidence: line.description.evidence ?? line.amountMinor.evidence,
    })),
  ];
}
