import { and, asc, eq, sql } from "drizzle-orm";

import type { TextPage } from "@/domain/documents/types";
import type { OcrPlan } from "@/domain/documents/ocr-plan";
import { storableExtractedText } from "@/domain/parse/storable-text";

import { db, type Executor } from "../index";
import { documentPages, type DocumentPage } from "../schema";

export type PageLayer = { page: TextPage; ocrPlan: OcrPlan };
export type PageOcr = { page: TextPage; confidence: number; ms: number };

/** jsonb refuses NUL and lone surrogates, whichever reader produced the page. */
function storablePage(page: TextPage): TextPage {
  return storableExtractedText({ source: "pdf-text", pages: [page], warnings: [] }).pages[0] ?? page;
}

/** Stores every page's text layer; a rerun keeps what OCR already read. */
export async function savePageLayers(documentId: string, layers: PageLayer[], tx: Executor = db()): Promise<void> {
  if (layers.length === 0) return;
  await tx
    .insert(documentPages)
    .values(
      layers.map((layer) => ({
        documentId,
        page: layer.page.page,
        layer: storablePage(layer.page),
        ocrPlan: layer.ocrPlan,
      })),
    )
    .onConflictDoUpdate({
      target: [documentPages.documentId, documentPages.page],
      set: { layer: sql`excluded.layer`, ocrPlan: sql`excluded.ocr_plan` },
    });
}

export async function savePageOcr(documentId: string, ocr: PageOcr, tx: Executor = db()): Promise<void> {
  await tx
    .update(documentPages)
    .set({ ocr: storablePage(ocr.page), ocrConfidence: ocr.confidence, ocrMs: Math.round(ocr.ms) })
    .where(and(eq(documentPages.documentId, documentId), eq(documentPages.page, ocr.page.page)));
}

export async function listDocumentPages(documentId: string, tx: Executor = db()): Promise<DocumentPage[]> {
  return tx
    .select()
    .from(documentPages)
    .where(eq(documentPages.documentId, documentId))
    .orderBy(asc(documentPages.page));
}
