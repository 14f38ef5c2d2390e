import type { ExtractedText, TextPage } from "@/domain/documents/types";
import type { OcrPlan } from "@/domain/documents/ocr-plan";

/** Pages of one PDF OCR reads unless told otherwise: OCR costs seconds a page. */
export const defaultMaxOcrPages = 50;
/** Fewer visible characters than this and the page counts as a scan. */
const minTextChars = 20;

export type ReadPage = {
  layer: TextPage;
  plan: OcrPlan;
  /** What OCR read, for a page planned for it. */
  ocr?: { page: TextPage; confidence: number };
};

/** A scan has (almost) no text layer; a broken font mapping gives one made of replacement or private-use characters. */
export function needsOcr(text: string): boolean {
  return visibleLength(text) < minTextChars || garbled(text);
}

/** Which pages OCR reads, in order, until `maxOcrPages` have been; the rest of the scans are skipped. */
export function planOcr(layers: TextPage[], maxOcrPages: number): OcrPlan[] {
  let planned = 0;
  return layers.map((layer) => {
    if (!needsOcr(layer.text)) return "none";
    if (planned >= maxOcrPages) return "skipped";
    planned++;
    return "ocr";
  });
}

/**
 * The document's text from its pages as read: a text layer, or what OCR read where it found clearly more. `source`
 * is "ocr" as soon as one page's OCR reading was kept.
 */
export function assemblePdfText(pages: ReadPage[], maxOcrPages: number): ExtractedText {
  const result: TextPage[] = [];
  const warnings: string[] = [];
  const ocrPages: number[] = [];
  const skipped: number[] = [];
  for (const { layer, plan, ocr } of pages) {
    if (plan === "skipped") skipped.push(layer.page);
    // A short but real text layer ("Notes", a lone total) is exact; OCR wins only when it finds clearly more.
    if (!ocr || (visibleLength(ocr.page.text) <= visibleLength(layer.text) * 1.5 + 5 && !garbled(layer.text))) {
      result.push(layer);
      continue;
    }
    ocrPages.push(layer.page);
    if (ocr.confidence < 0.6)
      warnings.push(`Page ${layer.page} is a poor scan: OCR confidence ${Math.round(ocr.confidence * 100)}%.`);
    result.push(ocr.page);
  }
  if (ocrPages.length > 0)
    warnings.push(
      `${plural(ocrPages, "Page")} ${list(ocrPages)} had no text layer and ${ocrPages.length === 1 ? "was" : "were"} read by OCR.`,
    );
  if (skipped.length > 0)
    warnings.push(
      `${plural(skipped, "Page")} ${list(skipped)} had no text layer and ${skipped.length === 1 ? "was" : "were"} not read: OCR stops after ${maxOcrPages} ${maxOcrPages === 1 ? "page" : "pages"}.`,
    );
  if (result.every((page) => page.text.trim() === "")) warnings.push("No text was found in the PDF.");
  return { source: ocrPages.length > 0 ? "ocr" : "pdf-text", pages: result, warnings };
}

function visibleLength(text: string): number {
  return text.replace(/\s+/g, "").length;
}

function garbled(text: string): boolean {
  const visible = text.replace(/\s+/g, "");
  // eslint-disable-next-line no-control-regex -- control characters in a text layer are what marks it broken
  const garbage = visible.replace(/[^\ufffd\ue000-\uf8ff\u0000-\u001f]/g, "").length;
  return visible.length > 0 && garbage / visible.length > 0.3;
}

function plural(items: unknown[], word: string): string {
  return items.length === 1 ? word : `${word}s`;
}

function list(numbers: number[]): string {
  return numbers.length <= 10
    ? numbers.join(", ")
    : `${numbers.slice(0, 10).join(", ")} and ${numbers.length - 10} more`;
}
