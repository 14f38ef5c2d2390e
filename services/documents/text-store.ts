import { NonRetriableError } from "inngest";

import { isParseBudgetError } from "@/ai/sandbox";
import { assemblePdfText, defaultMaxOcrPages, type ReadPage } from "@/ai/text/pdf-assemble";
import { recordDocumentEvent, saveDocumentText } from "@/db/queries/documents";
import type { ExtractedText } from "@/domain/documents/types";
import { storableExtractedText } from "@/domain/parse/storable-text";
import { documentTimeline } from "@/domain/timeline";
import { isIntakeError } from "@/intake/errors";
import { withQueries } from "@/lib/telemetry/queries";

export type TextSummary = { source: string; pages: number; characters: number; attachments: string[] };

export function summarise(text: ExtractedText, attachments: string[]): TextSummary {
  const characters = text.pages.reduce((sum, p) => sum + p.text.length, 0);
  return { source: text.source, pages: text.pages.length, characters, attachments };
}

/** Stores the document's text and says so on its timeline, once. */
export async function saveExtractedText(
  documentId: string,
  text: ExtractedText,
  attachments: string[],
): Promise<TextSummary> {
  await withQueries("save-text", () => saveDocumentText(documentId, text));
  const summary = summarise(text, attachments);
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: documentTimeline.textExtracted(summary),
    data: { warnings: text.warnings, attachments },
    dedupeKey: "extract-text",
  });
  return summary;
}

/** The PDF's text from its pages as read, exactly as `extractText` would have given it. */
export function assembleStoredText(pages: ReadPage[]): ExtractedText {
  return storableExtractedText(assemblePdfText(pages, defaultMaxOcrPages));
}

/** The same bytes would be refused again, or blow the same budget again: no retry. */
export function asStepError(error: unknown): unknown {
  if (isIntakeError(error) || isParseBudgetError(error)) return new NonRetriableError(error.message, { cause: error });
  return error;
}
