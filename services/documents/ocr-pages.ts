import { NonRetriableError } from "inngest";

import { isParseBudgetError, ocrPdfPageIsolated, sandboxSettings } from "@/ai/sandbox";
import { getDocumentById, getDocumentText, recordDocumentEvent } from "@/db/queries/documents";
import { listDocumentPages, savePageOcr } from "@/db/queries/document-pages";
import { canStartPage, pageTimeoutMs, type BatchProgress } from "@/domain/documents/ocr-plan";
import { documentTimeline } from "@/domain/timeline";
import { env } from "@/lib/env";
import { readOriginalBytes } from "@/services/documents/originals";

import {
  asStepError,
  assembleStoredText,
  saveExtractedText,
  summarise,
  type TextSummary,
} from "@/services/documents/text-store";

/** What one OCR step read; `next` is where the next one begins, null once every page OCR should read is read. */
export type PagesRead = { first: number; last: number; read: number; next: number | null; ms: number };

/** One page's OCR limit, as `extractPdf` allows; a step's budget may cut it shorter. */
const pageOcrTimeoutMs = 60_000;

/**
 * Step `ocr-pages-<from>`: renders and reads by OCR, in order, the pages from `from` that need it and are not read
 * yet, each saved as it finishes, and stops before a page would carry the step past KEEL_STEP_BUDGET_SECONDS.
 * Pages a failed attempt saved are not read again.
 */
export async function ocrPagesStep(documentId: string, from: number, now = () => Date.now()): Promise<PagesRead> {
  const started = now();
  const budgetMs = env().KEEL_STEP_BUDGET_SECONDS * 1000;
  const rows = await listDocumentPages(documentId);
  const pending = rows.filter((row) => row.page >= from && row.ocrPlan === "ocr" && row.ocr === null);
  const document = pending.length > 0 ? await getDocumentById(documentId) : undefined;
  const bytes = document ? await readOriginalBytes(document) : undefined;
  if (pending.length > 0 && !bytes) throw new NonRetriableError(`Document ${documentId} does not exist.`);
  const pdf = new Uint8Array(bytes ?? []);
  const progress: BatchProgress = { pagesDone: 0, elapsedMs: now() - started, slowestMs: 0, budgetMs };
  let last = from;
  let next: number | null = null;
  for (const row of pending) {
    progress.elapsedMs = now() - started;
    if (!canStartPage(progress)) {
      next = row.page;
      break;
    }
    const pageStarted = now();
    const timeoutMs = pageTimeoutMs(progress, pageOcrTimeoutMs);
    let read: Awaited<ReturnType<typeof ocrPdfPageIsolated>>;
    try {
      read = await ocrPdfPageIsolated(pdf, row.layer, sandboxSettings(env()), timeoutMs);
    } catch (error) {
      if (isParseBudgetError(error) && error.kind === "time") {
        // A later page that outgrew what was left of the budget gets a step of its own, with all of it.
        if (progress.pagesDone > 0) {
          next = row.page;
          break;
        }
        // A busy machine is the likelier cause than the page: the step's retries read it again with a whole
        // budget, and only when they are spent does the document fail with this sentence.
        throw new PageTooSlowError(pageTooSlow(row.page, timeoutMs, budgetMs), { cause: error });
      }
      throw asStepError(error);
    }
    const ms = now() - pageStarted;
    await savePageOcr(documentId, { page: read.page, confidence: read.confidence, ms });
    progress.pagesDone++;
    progress.slowestMs = Math.max(progress.slowestMs, ms);
    last = row.page;
  }
  const ms = now() - started;
  if (progress.pagesDone > 0)
    await recordDocumentEvent({
      documentId,
      kind: "step",
      label: documentTimeline.pagesRead({ first: from, last, total: rows.length, ms }),
      data: { pages: progress.pagesDone, ms, budgetMs },
      dedupeKey: `ocr-pages-${String(from)}`,
    });
  return { first: from, last, read: progress.pagesDone, next, ms };
}

/** A step's first page outran the budget; retried like any step, never retried inside the step. */
export class PageTooSlowError extends Error {
  override readonly name = "PageTooSlowError";
}

function pageTooSlow(page: number, timeoutMs: number, budgetMs: number): string {
  return `Page ${String(page)} of the PDF could not be rendered and read by OCR within ${String(Math.round(timeoutMs / 1000))} s, its share of one step's budget (KEEL_STEP_BUDGET_SECONDS=${String(budgetMs / 1000)}). Raise KEEL_STEP_BUDGET_SECONDS up to the platform's function duration, or scan the page again at 200–300 dpi and upload it again.`;
}

/** Step: the PDF's text from its stored pages, exactly as reading it in one go would give it, stored as such. */
export async function assembleTextStep(documentId: string): Promise<TextSummary> {
  const stored = await getDocumentText(documentId);
  if (stored) return summarise(stored, []);
  const rows = await listDocumentPages(documentId);
  if (rows.length === 0) throw new NonRetriableError(`Document ${documentId} has no pages read to assemble.`);
  const unread = rows.filter((row) => row.ocrPlan === "ocr" && row.ocr === null).map((row) => row.page);
  if (unread.length > 0) throw new Error(`Pages ${unread.join(", ")} of document ${documentId} are not read yet.`);
  const text = assembleStoredText(
    rows.map((row) => ({
      layer: row.layer,
      plan: row.ocrPlan,
      ...(row.ocr ? { ocr: { page: row.ocr, confidence: row.ocrConfidence ?? 0 } } : {}),
    })),
  );
  return saveExtractedText(documentId, text, []);
}
