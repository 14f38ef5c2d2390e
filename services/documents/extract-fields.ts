import { NonRetriableError } from "inngest";
import { withEvidenceBoxes } from "@/domain/documents/boxes";
import { documentTimeline } from "@/domain/timeline";
import { runExtractionChain } from "@/ai/chain";
import { isParseBudgetError } from "@/ai/sandbox";
import { costMicros } from "@/ai/pricing";
import { extractionChain } from "@/ai/providers";
import {
  getDocumentText,
  getLatestExtraction,
  recordDocumentEvent,
  recordModelCall,
  saveExtraction,
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
 * Step: classify and extract fields through the model chain; every model call is recorded with its cost. An
 * extraction already stored is reused, so a retry or replay never pays for the same models twice.
 */
export async function extractFieldsStep(documentId: string): Promise<FieldsSummary> {
  const stored = await getLatestExtraction(documentId);
  if (stored) {
    return {
      extractionId: stored.id,
      provider: stored.provider,
      documentClass: stored.extraction.documentClass.value,
      fallbacks: 0,
      tokens: 0,
    };
  }
  const text = await getDocumentText(documentId);
  if (!text) throw new NonRetriableError(`Document ${documentId} has no extracted text.`);
  const vendors = await listVendors();
  const providers = extractionChain(env(), {
    knownVendors: vendors.map((v) => ({ name: v.name, aliases: v.aliases, ...(v.taxId ? { taxId: v.taxId } : {}) })),
  });
  const result = await runExtractionChain(providers, {
    text,
    tokenBudget: env().KEEL_DOCUMENT_TOKEN_BUDGET,
    onCall: async (call) => {
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
    },
  }).catch((error: unknown) => {
    // The deterministic extractor blew its budget on this text; it would again.
    if (isParseBudgetError(error)) throw new NonRetriableError(error.message, { cause: error });
    throw error;
  });
  // Outlined once here, so no page view recomputes where each value sits.
  const extractionId = await withQueries("save-extraction", () =>
    saveExtraction(documentId, withEvidenceBoxes(result.extraction, text)),
  );
  for (const fallback of result.fallbacks) {
    await recordDocumentEvent({
      documentId,
      kind: "fallback",
      label: documentTimeline.modelGaveWay(fallback),
      dedupeKey: `fallback:${extractionId}:${fallback.provider}`,
    });
  }
  await recordDocumentEvent({
    documentId,
    kind: "step",
    label: documentTimeline.fieldsExtracted(result.extraction.provider, result.extraction.promptVersion),
    data: { extractionId, tokens: result.tokensUsed },
    dedupeKey: `extract-fields:${extractionId}`,
  });
  return {
    extractionId,
    provider: result.extraction.provider,
    documentClass: result.extraction.documentClass.value,
    fallbacks: result.fallbacks.length,
    tokens: result.tokensUsed,
  };
}
