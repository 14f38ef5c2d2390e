import type { ExtractedText, TextPage } from "@/domain/documents/types";
import { IntakeError } from "@/intake/errors";
import { resolveLimits, type IntakeLimits } from "@/intake/limits";

import type { OcrPlan } from "@/domain/documents/ocr-plan";

import { assemblePdfText, defaultMaxOcrPages, planOcr, type ReadPage } from "./pdf-assemble";
import { ocrConcurrency, ocrImage, unscaleSpans } from "./ocr";
import { layoutRuns, type PlacedRun } from "./pdf-layout";
import { withOpenPdf } from "./pdf-open";
import { tooManyRuns } from "./pdf-streams";
import { renderPageForOcr, type PdfDocument } from "./pdfjs-node";
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

export const defaultPdfOptions = {
  maxOcrPages: defaultMaxOcrPages,
  ocrDpi: 200,
  ocrTimeoutMs: 60_000,
  timeoutMs: 30_000,
};
/** Rendered pages are capped near 5000 × 5000 pixels, whatever the page size. */
const maxRenderPixels = 25_000_000;

/**
 * Reads each page's text layer with positions (PDF points, top-left origin); a page without one (a scan) is
 * rendered and read by OCR, its boxes scaled back to points. `source` is "ocr" as soon as one page needed OCR.
 * The pipeline does the same in steps (`readPdfLayers`, `ocrPdfPage`, `assemblePdfText`); this reads it all at once.
 */
export async function extractPdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<ExtractedText> {
  const settings = pdfSettings(options);
  return withPdf(bytes, options, async (pdf) => {
    const layers = await readLayers(pdf, options, settings);
    const plans = planOcr(layers, settings.maxOcrPages);
    const reads = await ocrPlannedPages(pdf, layers, plans, settings);
    const pages: ReadPage[] = layers.map((layer, index) => {
      const ocr = reads[index];
      return { layer, plan: plans[index] ?? "none", ...(ocr ? { ocr } : {}) };
    });
    return assemblePdfText(pages, settings.maxOcrPages);
  });
}

export type PdfLayers = { pages: { layer: TextPage; plan: OcrPlan }[] };

/** Every page's text layer and whether OCR should read it: the same checks and limits as `extractPdf`. */
export async function readPdfLayers(bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfLayers> {
  const settings = pdfSettings(options);
  return withPdf(bytes, options, async (pdf) => {
    const layers = await readLayers(pdf, options, settings);
    const plans = planOcr(layers, settings.maxOcrPages);
    return { pages: layers.map((layer, index) => ({ layer, plan: plans[index] ?? "none" })) };
  });
}

/** One page rendered and read by OCR, its boxes in PDF points, as `extractPdf` reads a scanned page. */
export async function ocrPdfPage(
  bytes: Uint8Array,
  layer: TextPage,
  options: PdfOptions = {},
): Promise<{ page: TextPage; confidence: number }> {
  const settings = pdfSettings(options);
  return withPdf(bytes, options, (pdf) => ocrPage(pdf, layer.page, layer, settings));
}

function pdfSettings(options: PdfOptions): typeof defaultPdfOptions {
  // Field by field, so an option passed as undefined keeps its default.
  return {
    maxOcrPages: options.maxOcrPages ?? defaultPdfOptions.maxOcrPages,
    ocrDpi: options.ocrDpi ?? defaultPdfOptions.ocrDpi,
    ocrTimeoutMs: options.ocrTimeoutMs ?? defaultPdfOptions.ocrTimeoutMs,
    timeoutMs: options.timeoutMs ?? defaultPdfOptions.timeoutMs,
  };
}

function withPdf<T>(bytes: Uint8Array, options: PdfOptions, read: (pdf: PdfDocument) => Promise<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? defaultPdfOptions.timeoutMs;
  return withOpenPdf(bytes, { limits: resolveLimits(options.limits), timeoutMs, onOpenError: toIntakeError }, read);
}

async function readLayers(
  pdf: PdfDocument,
  options: PdfOptions,
  settings: typeof defaultPdfOptions,
): Promise<TextPage[]> {
  const limits = resolveLimits(options.limits);
  const runs = { left: limits.maxPdfTextRuns, limit: limits.maxPdfTextRuns };
  const layers: TextPage[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    layers.push(
      await withTimeout(`Reading page ${number} of the PDF`, settings.timeoutMs, readTextLayer(pdf, number, runs)),
    );
  }
  return layers;
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

type PageRead = { page: TextPage; confidence: number };

/** Pages are rendered one at a time (pdfjs has one thread) while OCR reads as many side by side as its pool runs. */
async function ocrPlannedPages(
  pdf: PdfDocument,
  layers: TextPage[],
  plans: OcrPlan[],
  settings: typeof defaultPdfOptions,
): Promise<(PageRead | undefined)[]> {
  const reads: (PageRead | undefined)[] = [];
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < layers.length; index = next++) {
      const layer = layers[index];
      if (layer && plans[index] === "ocr") reads[index] = await ocrPage(pdf, layer.page, layer, settings);
    }
  };
  await Promise.all(Array.from({ length: ocrConcurrency() }, lane));
  return reads;
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
    renderPageForOcr(pdf, number, scale),
  );
  const result = await ocrImage(image, { timeoutMs: settings.ocrTimeoutMs, dpi: scale * 72 });
  const spans = unscaleSpans(result.spans, scale);
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
