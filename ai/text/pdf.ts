import type { ExtractedText, TextPage } from "@/domain/documents/types";
import { IntakeError } from "@/intake/errors";
import { checkPdfPages, resolveLimits, type IntakeLimits } from "@/intake/limits";

import { ocrImage } from "./ocr";
import { layoutRuns, type PlacedRun } from "./pdf-layout";
import { checkPdfStreams, tooManyRuns } from "./pdf-streams";
import { openPdf, renderPage, type PdfDocument } from "./pdfjs-node";
import { TimeoutError, withTimeout } from "@/lib/timeout";

export type PdfOptions = {
  limits?: Partial<Pick<IntakeLimits, "maxPdfPages" | "maxImagePixels" | "maxPdfInflatedBytes" | "maxPdfTextRuns">>;
  /** Pages beyond this many without a text layer are left empty with a warning: OCR costs about a second a page. */
  maxOcrPages?: number;
  /** Rendering resolution for OCR. */
  ocrDpi?: number;
  ocrTimeoutMs?: number;
  /** For opening the file and for reading one page's text layer. */
  timeoutMs?: number;
};

export const defaultPdfOptions = { maxOcrPages: 50, ocrDpi: 200, ocrTimeoutMs: 60_000, timeoutMs: 30_000 };
/** Rendered pages are capped near 5000 × 5000 pixels, whatever the page size. */
const maxRenderPixels = 25_000_000;
/** Fewer visible characters than this and the page counts as a scan. */
const minTextChars = 20;

/**
 * Reads each page's text layer with positions (PDF points, top-left origin); a page without one (a scan) is
 * rendered and read by OCR, its boxes scaled back to points. `source` is "ocr" as soon as one page needed OCR.
 */
export async function extractPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<ExtractedText> {
  // Field by field, so an option passed as undefined keeps its default.
  const settings = {
    maxOcrPages: options.maxOcrPages ?? defaultPdfOptions.maxOcrPages,
    ocrDpi: options.ocrDpi ?? defaultPdfOptions.ocrDpi,
    ocrTimeoutMs: options.ocrTimeoutMs ?? defaultPdfOptions.ocrTimeoutMs,
    timeoutMs: options.timeoutMs ?? defaultPdfOptions.timeoutMs,
  };
  const limits = resolveLimits(options.limits);
  checkPdfStreams(bytes, { maxInflatedBytes: limits.maxPdfInflatedBytes, maxTextRuns: limits.maxPdfTextRuns });
  const pdf = await openPdf(bytes, { maxImagePixels: limits.maxImagePixels, timeoutMs: settings.timeoutMs }).catch(
    toIntakeError,
  );
  try {
    checkPdfPages(pdf.numPages, limits);
    const pages: TextPage[] = [];
    const warnings: string[] = [];
    const ocrPages: number[] = [];
    const skipped: number[] = [];
    let ocrAttempts = 0;
    const runs = { left: limits.maxPdfTextRuns, limit: limits.maxPdfTextRuns };
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await withTimeout(
        `Reading page ${number} of the PDF`,
        settings.timeoutMs,
        readTextLayer(pdf, number, runs),
      );
      if (!needsOcr(page.text)) {
        pages.push(page);
        continue;
      }
      if (ocrAttempts >= settings.maxOcrPages) {
        skipped.push(number);
        pages.push(page);
        continue;
      }
      ocrAttempts++;
      const scanned = await ocrPage(pdf, number, page, settings);
      // A short but real text layer ("Notes", a lone total) is exact; OCR wins only when it finds clearly more.
      if (visibleLength(scanned.page.text) <= visibleLength(page.text) * 1.5 + 5 && !garbled(page.text)) {
        pages.push(page);
        continue;
      }
      ocrPages.push(number);
      if (scanned.confidence < 0.6)
        warnings.push(`Page ${number} is a poor scan: OCR confidence ${Math.round(scanned.confidence * 100)}%.`);
      pages.push(scanned.page);
    }
    if (ocrPages.length > 0)
      warnings.push(
        `${plural(ocrPages, "Page")} ${list(ocrPages)} had no text layer and ${ocrPages.length === 1 ? "was" : "were"} read by OCR.`,
      );
    if (skipped.length > 0)
      warnings.push(
        `${plural(skipped, "Page")} ${list(skipped)} had no text layer and ${skipped.length === 1 ? "was" : "were"} not read: OCR stops after ${settings.maxOcrPages} ${settings.maxOcrPages === 1 ? "page" : "pages"}.`,
      );
    if (pages.every((page) => page.text.trim() === "")) warnings.push("No text was found in the PDF.");
    return { source: ocrPages.length > 0 ? "ocr" : "pdf-text", pages, warnings };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

type RunBudget = { left: number; limit: number };
type TextItem = { str?: string; transform?: number[]; width?: number; height?: number };

/** Reads the text layer as pdfjs streams it, stopping as soon as the document's runs are over budget. */
async function readTextLayer(pdf: PdfDocument, number: number, budget: RunBudget): Promise<TextPage> {
  const page = await pdf.getPage(number);
  const reader = page.streamTextContent().getReader() as ReadableStreamDefaultReader<{ items: TextItem[] }>;
  try {
    const viewport = page.getViewport({ scale: 1 });
    const runs: PlacedRun[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      budget.left -= value.items.length;
      if (budget.left < 0) throw tooManyRuns(budget.limit);
      for (const item of value.items) {
        if (typeof item.str !== "string" || item.str === "") continue;
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform ?? [];
        const [x = 0, baseline = 0] = viewport.convertToViewportPoint(e, f) as number[];
        const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || (item.height ?? 0);
        runs.push({ text: item.str, x, baseline, width: item.width ?? 0, fontSize });
      }
    }
    return { page: number, ...layoutRuns(runs), width: viewport.width, height: viewport.height };
  } finally {
    await reader.cancel().catch(() => undefined);
    page.cleanup();
  }
}

/** A scan has (almost) no text layer; a broken font mapping gives one made of replacement or private-use characters. */
function needsOcr(text: string): boolean {
  return visibleLength(text) < minTextChars || garbled(text);
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

async function ocrPage(
  pdf: PdfDocument,
  number: number,
  layer: TextPage,
  settings: typeof defaultPdfOptions,
): Promise<{ page: TextPage; confidence: number }> {
  const width = layer.width ?? 612;
  const height = layer.height ?? 792;
  const scale = Math.min(settings.ocrDpi / 72, Math.sqrt(maxRenderPixels / (width * height)));
  const image = await withTimeout(
    `Rendering page ${number} of the PDF`,
    settings.timeoutMs,
    renderPage(pdf, number, scale),
  );
  const result = await ocrImage(image, { timeoutMs: settings.ocrTimeoutMs, dpi: scale * 72 });
  const spans = result.spans.map((span) => ({
    ...span,
    box: span.box && {
      x: span.box.x / scale,
      y: span.box.y / scale,
      width: span.box.width / scale,
      height: span.box.height / scale,
    },
  }));
  return { page: { page: number, text: result.text, spans, width, height }, confidence: result.confidence };
}

function toIntakeError(error: unknown): never {
  if (error instanceof TimeoutError) throw error;
  const name = error instanceof Error ? error.name : "";
  if (name === "PasswordException") throw new IntakeError("encrypted", undefined, { detected: "pdf" });
  throw new IntakeError(
    "unreadable",
    "The PDF is damaged and cannot be opened. Re-save or re-export it and upload it again.",
    { reason: String(error) },
  );
}

function plural(items: unknown[], word: string): string {
  return items.length === 1 ? word : `${word}s`;
}

function list(numbers: number[]): string {
  return numbers.length <= 10
    ? numbers.join(", ")
    : `${numbers.slice(0, 10).join(", ")} and ${numbers.length - 10} more`;
}
