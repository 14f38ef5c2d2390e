import { NonRetriableError } from "inngest";
import { documentTimeline } from "@/domain/timeline";
import { getDocumentById, getDocumentText, recordDocumentEvent, saveDocumentText } from "@/db/queries/documents";
import type { ExtractedText } from "@/domain/documents/types";
import { isIntakeError } from "@/intake/errors";
import { extractTextIsolated, isParseBudgetError, sandboxSettings } from "@/ai/sandbox";
import type { ExtractTextResult } from "@/ai/text";
import { env } from "@/lib/env";
import { receiveDerivedDocuments } from "@/services/documents/receive";
import { readOriginalBytes } from "@/services/documents/originals";
import { withQueries } from "@/lib/telemetry/queries";

export type TextSummary = { source: string; pages: number; characters: number; attachments: string[] };

function summarise(text: ExtractedText, attachments: string[]): TextSummary {
  const characters = text.pages.reduce((sum, p) => sum + p.text.length, 0);
  return { source: text.source, pages: text.pages.length, characters, attachments };
}

/**
 * Step: the document's text with positions, stored; email attachments become documents of their own (first, so
 * stored text means they exist). Text already stored is reused: a replay resumes after this step.
 */
export async function extractTextStep(documentId: string): Promise<TextSummary> {
  const stored = await getDocumentText(documentId);
  if (stored) return summarise(stored, []);
  const document = await getDocumentById(documentId);
  const bytes = document ? await readOriginalBytes(document) : undefined;
  if (!document || !bytes) throw new NonRetriableError(`Document ${documentId} does not exist.`);
  let result: ExtractTextResult;
  try {
    result = await extractTextIsolated(new Uint8Array(bytes), document.kind, sandboxSettings(env()));
  } catch (error) {
    // The same bytes would be refused again, or blow the same budget again: no retry.
    if (isIntakeError(error) || isParseBudgetError(error)) throw new NonRetriableError(error.message, { cause: error });
    throw error;
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
  const attachments = derived.taken;
  await withQueries("save-text", () => saveDocumentText(documentId, result.text));
  const summary = summarise(result.text, attachments);
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: documentTimeline.textExtracted(summary),
    data: { warnings: result.text.warnings, attachments },
    dedupeKey: "extract-text",
  });
  return summary;
}
