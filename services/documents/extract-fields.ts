import { NonRetriableError } from "inngest";
import { withEvidenceBoxes } from "@/domain/documents/boxes";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import { documentTimeline } from "@/domain/timeline";
import { FALLBACK_CONFIDENCE_FACTOR, lowerConfidence, runExtractionChain } from "@/ai/chain";
import { isParseBudgetError, sandboxSettings } from "@/ai/sandbox";
import { costMicros } from "@/ai/pricing";
import type { CallRecord } from "@/ai/provider";
import { deterministicProvider } from "@/ai/deterministic-provider";
import {
  getDocumentText,
  getLatestExtraction,
  recordDocumentEvent,
  recordModelCall,
  saveFirstExtraction,
} from "@/db/queries/documents";
import { listVendors } from "@/db/queries/vendors";
import { env } from "@/lib/env";
import { withQueries } from "@/lib/telemetry/queries";

export type FieldsSummary = {
  extractionId: string;
  provider: string;
  documentClass: string | null;
  fallbacks: number;
  tokens: number;
};

/**
 * Step: the document's fields. The model lanes ran before it (inngest/functions/model-call.ts) and stored what a
 * model read; that extraction is reused. When every lane gave way, or no model is configured, the deterministic
 * extractor reads the text here, its confidence lowered once for each lane that gave way, as the chain does.
 */
export async function extractFieldsStep(documentId: string, lanesGaveWay = 0): Promise<FieldsSummary> {
  const stored = await getLatestExtraction(documentId);
  if (stored) {
    return {
      extractionId: stored.id,
      provider: stored.provider,
      documentClass: stored.extraction.documentClass.value,
      fallbacks: lanesGaveWay,
      tokens: 0,
    };
  }
  const { text, hints } = await extractionInput(documentId);
  const result = await runExtractionChain([deterministicProvider(sandboxSettings(env()), hints)], {
    text,
    tokenBudget: env().KEEL_DOCUMENT_TOKEN_BUDGET,
    onCall: modelCallRecorder(documentId),
  }).catch((error: unknown) => {
    // The deterministic extractor blew its budget on this text; it would again.
    if (isParseBudgetError(error)) throw new NonRetriableError(error.message, { cause: error });
    throw error;
  });
  const factor = FALLBACK_CONFIDENCE_FACTOR ** lanesGaveWay;
  const extraction = factor < 1 ? lowerConfidence(result.extraction, factor) : result.extraction;
  const { extractionId } = await storeExtraction(documentId, extraction, text, result.tokensUsed);
  return {
    extractionId,
    provider: extraction.provider,
    documentClass: extraction.documentClass.value,
    fallbacks: lanesGaveWay,
    tokens: result.tokensUsed,
  };
}

/** The document's text and what the extractors are told about known vendors. */
export async function extractionInput(documentId: string) {
  const text = await getDocumentText(documentId);
  if (!text) throw new NonRetriableError(`Document ${documentId} has no extracted text.`);
  const vendors = await listVendors();
  const hints = {
    knownVendors: vendors.map((v) => ({ name: v.name, aliases: v.aliases, ...(v.taxId ? { taxId: v.taxId } : {}) })),
  };
  return { text, hints };
}

/** Records every request a provider makes for the document, with its cost, as the monitor reads them. */
export function modelCallRecorder(documentId: string | null) {
  return async (call: CallRecord) => {
    await recordModelCall({
      documentId,
      provider: call.provider,
      model: call.model,
      promptVersion: call.promptVersion,
      attempt: call.attempt,
      outcome: call.outcome,
      errorClass: call.errorClass,
      inputTokens: call.usage.inputTokens,
      outputTokens: call.usage.outputTokens,
      cachedTokens: call.usage.cachedTokens,
      costMicros: costMicros(call.model, call.usage),
      latencyMs: Math.round(call.latencyMs),
    });
  };
}

/** Saves the document's extraction unless one is stored already, and its timeline line when it was saved. */
export async function storeExtraction(
  documentId: string,
  extraction: Extraction,
  text: ExtractedText,
  tokens: number,
): Promise<{ extractionId: string; stored: boolean }> {
  // Outlined once here, so no page view recomputes where each value sits.
  const outlined = withEvidenceBoxes(extraction, text);
  const saved = await withQueries("save-extraction", () => saveFirstExtraction(documentId, outlined));
  if (saved.stored) {
    await recordDocumentEvent({
      documentId,
      kind: "step",
      label: documentTimeline.fieldsExtracted(extraction.provider, extraction.promptVersion),
      data: { extractionId: saved.extractionId, tokens },
      dedupeKey: `extract-fields:${saved.extractionId}`,
    });
  }
  return saved;
}
