import { NonRetriableError } from "inngest";
import { documentTimeline } from "@/domain/timeline";
import { getDocumentById, getDocumentText, recordDocumentEvent } from "@/db/queries/documents";
import { extractTextIsolated, readPdfLayersIsolated, sandboxSettings } from "@/ai/sandbox";
import { savePageLayers } from "@/db/queries/document-pages";
import type { ExtractTextResult } from "@/ai/text";
import { env } from "@/lib/env";
import { receiveDerivedDocuments } from "@/services/documents/receive";
import { readOriginalBytes } from "@/services/documents/originals";
import { assembleTextStep, ocrPagesStep } from "@/services/documents/ocr-pages";
import { startStep } from "@/services/documents/lifecycle";
import {
  asStepError,
  assembleStoredText,
  saveExtractedText,
  summarise,
  type TextSummary,
} from "@/services/documents/text-store";

export type { TextSummary } from "@/services/documents/text-store";

/** What `extract-text` leaves for the OCR steps: its pages are stored, OCR begins at `ocrFrom`. */
export type PagesToRead = { ocrFrom: number; pages: number };

/**
 * The document's text read and stored in one call, OCR steps and all: for callers outside a workflow (the CLI,
 * tests), where no step has a time budget.
 */
export async function extractTextStep(documentId: string): Promise<TextSummary> {
  const started = await readTextStep(documentId);
  if (!("ocrFrom" in started)) return started;
  for (let from: number | null = started.ocrFrom; from !== null;) from = (await ocrPagesStep(documentId, from)).next;
  return assembleTextStep(documentId);
}

/**
 * Step: the run takes the document (`startStep`), then reads its text. One durable boundary for both, because
 * neither keeps anything a retry must not repeat: the start writes the same status again and its timeline line
 * once per run (deduplicated), and text already stored is reused. A boundary between them cost a step's engine
 * round trip per document and saved no work on a retry.
 */
export async function startAndReadTextStep(documentId: string, runId: string): Promise<TextSummary | PagesToRead> {
  await startStep(documentId, runId);
  return readTextStep(documentId);
}

/**
 * The document's text with positions, stored; email attachments become documents of their own (first, so
 * stored text means they exist). Text already stored is reused: a replay resumes after this step. A PDF with
 * pages OCR must read stores its text layers instead and leaves those pages to steps of their own
 * (`ocr-pages.ts`), so no step reads more pages than fit in KEEL_STEP_BUDGET_SECONDS.
 */
export async function readTextStep(documentId: string): Promise<TextSummary | PagesToRead> {
  const stored = await getDocumentText(documentId);
  if (stored) return summarise(stored, []);
  const document = await getDocumentById(documentId);
  const bytes = document ? await readOriginalBytes(document) : undefined;
  if (!document || !bytes) throw new NonRetriableError(`Document ${documentId} does not exist.`);
  let result: ExtractTextResult;
  try {
    if (document.kind === "pdf") {
      const { pages } = await readPdfLayersIsolated(new Uint8Array(bytes), sandboxSettings(env()));
      const ocrFrom = pages.find((page) => page.plan === "ocr")?.layer.page;
      if (ocrFrom !== undefined) {
        await savePageLayers(
          documentId,
          pages.map((page) => ({ page: page.layer, ocrPlan: page.plan })),
        );
        return { ocrFrom, pages: pages.length };
      }
      result = {
        text: assembleStoredText(pages.map((page) => ({ layer: page.layer, plan: page.plan }))),
        attachments: [],
      };
    } else {
      result = await extractTextIsolated(new Uint8Array(bytes), document.kind, sandboxSettings(env()));
    }
  } catch (error) {
    throw asStepError(error);
  }
  const derived = await receiveDerivedDocuments(document, result.attachments, env().KEEL_MAX_DERIVED_DOCUMENTS);
  for (const refused of derived.refused) {
    await recordDocumentEvent({
      documentId,
      kind: "attachment_rejected",
      label: documentTimeline.attachmentRefused(refused.filename, refused.reason),
      dedupeKey: `attachment:${refused.filename}`,
    });
  }
  return saveExtractedText(documentId, result.text, derived.taken);
}
