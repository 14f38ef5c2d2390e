import { createHash } from "node:crypto";

import { IntakeError } from "@/intake/errors";
import { checkPdfPages, type IntakeLimits } from "@/intake/limits";

import { checkPdfStreams } from "./pdf-streams";
import { openPdf, type PdfDocument } from "./pdfjs-node";

type Open = { key: string; pdf: Promise<PdfDocument>; users: number; idle?: NodeJS.Timeout; evicted: boolean };

/**
 * A scanned PDF is read in several jobs (its text layers, then a page per OCR job, then the viewer's pages), and
 * each used to inflate every stream and parse the file again: a reader process keeps the last PDF it opened for a
 * while and hands it to the next job that asks for the same bytes under the same limits.
 */
const keepMs = 30_000;
let last: Open | null = null;
let parsed = 0;

/** How many times this process has parsed a PDF (tests: a kept one is not parsed again). */
export function pdfsParsed(): number {
  return parsed;
}

export type PdfLimits = Pick<IntakeLimits, "maxPdfPages" | "maxImagePixels" | "maxPdfInflatedBytes" | "maxPdfTextRuns">;

/**
 * Runs `read` with the PDF open, checked against `limits` first (streams before pdfjs sees them, then the page
 * count); `onOpenError` turns pdfjs's refusal into the caller's error.
 */
export async function withOpenPdf<T>(
  bytes: Uint8Array,
  options: { limits: PdfLimits; timeoutMs: number; onOpenError: (error: unknown) => never },
  read: (pdf: PdfDocument) => Promise<T>,
): Promise<T> {
  const { limits, timeoutMs } = options;
  const { maxPdfPages, maxImagePixels, maxPdfInflatedBytes, maxPdfTextRuns } = limits;
  const budget = [maxPdfPages, maxImagePixels, maxPdfInflatedBytes, maxPdfTextRuns].join(",");
  const key = `${createHash("sha256").update(bytes).digest("hex")}:${budget}`;
  const open = last?.key === key && !last.evicted ? last : openNew(bytes, key, limits, timeoutMs);
  open.users++;
  clearTimeout(open.idle);
  try {
    const pdf = await open.pdf.catch((error: unknown) => {
      // The stream check's refusal already says what to do; only pdfjs's own errors need the caller's words.
      if (error instanceof IntakeError) throw error;
      return options.onOpenError(error);
    });
    checkPdfPages(pdf.numPages, limits);
    return await read(pdf);
  } finally {
    open.users--;
    settle(open);
  }
}

/** Closes the PDF kept open (tests, shutdown). */
export async function closeOpenPdf(): Promise<void> {
  const open = last;
  last = null;
  if (open) {
    open.evicted = true;
    await destroyWhenUnused(open);
  }
}

function openNew(bytes: Uint8Array, key: string, limits: PdfLimits, timeoutMs: number): Open {
  const previous = last;
  if (previous) {
    previous.evicted = true;
    void destroyWhenUnused(previous);
  }
  parsed++;
  const pdf = (async () => {
    checkPdfStreams(bytes, { maxInflatedBytes: limits.maxPdfInflatedBytes, maxTextRuns: limits.maxPdfTextRuns });
    return openPdf(bytes, { maxImagePixels: limits.maxImagePixels, timeoutMs });
  })();
  const open: Open = { key, pdf, users: 0, evicted: false };
  last = open;
  // A PDF that failed to open is never handed out again: the next job tries afresh.
  pdf.catch(() => {
    open.evicted = true;
    if (last === open) last = null;
  });
  return open;
}

function settle(open: Open): void {
  if (open.evicted) {
    void destroyWhenUnused(open);
    return;
  }
  clearTimeout(open.idle);
  open.idle = setTimeout(() => {
    open.evicted = true;
    if (last === open) last = null;
    void destroyWhenUnused(open);
  }, keepMs);
  open.idle.unref();
}

async function destroyWhenUnused(open: Open): Promise<void> {
  clearTimeout(open.idle);
  if (open.users > 0) return;
  const pdf = await open.pdf.catch(() => null);
  await pdf?.destroy().catch(() => undefined);
}
