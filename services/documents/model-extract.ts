import { lowerConfidence, runExtractionChain } from "@/ai/chain";
import { ProviderError } from "@/ai/errors";
import { laneExtractionProvider, modelLanes, type ModelLaneName } from "@/ai/providers";
import { getLatestExtraction, listModelCalls } from "@/db/queries/documents";
import { env } from "@/lib/env";
import type { LaneOutcome } from "@/services/models/requests";
import { extractionInput, modelCallRecorder, storeExtraction } from "./extract-fields";

/**
 * The model lanes' handler for documents: one lane's model reads the document, with that model's own retries, and
 * the extraction is stored for the `extract-fields` step. A failure the model's retries could not mend answers
 * not ok, so the run tries the next lane; anything else (the database) throws, and the lane's run retries it.
 */
export async function extractDocumentWithModel(
  lane: ModelLaneName,
  request: { documentId: string },
): Promise<LaneOutcome> {
  const { documentId } = request;
  const stored = await getLatestExtraction(documentId);
  if (stored) return { ok: true, lane, ...providerAndModel(stored.provider) };
  const lanes = modelLanes(env());
  if (!lanes) {
    return {
      ok: false,
      lane,
      reason: "No model is configured (ANTHROPIC_API_KEY is unset).",
      failureClass: "unconfigured",
    };
  }
  const { text } = await extractionInput(documentId);
  const spent = (await listModelCalls(documentId)).reduce((sum, c) => sum + c.inputTokens + c.outputTokens, 0);
  const provider = laneExtractionProvider(env(), lanes[lane]);
  try {
    const result = await runExtractionChain([provider], {
      text,
      tokenBudget: Math.max(0, env().KEEL_DOCUMENT_TOKEN_BUDGET - spent),
      onCall: modelCallRecorder(documentId),
    });
    const factor = lanes[lane].confidenceFactor;
    const extraction = factor < 1 ? lowerConfidence(result.extraction, factor) : result.extraction;
    await storeExtraction(documentId, extraction, text, result.tokensUsed);
    return { ok: true, lane, provider: lanes[lane].provider, model: lanes[lane].model };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    return { ok: false, lane, reason: error.message, failureClass: error.failureClass };
  }
}

/** "anthropic:claude-haiku-5-5" → its provider and model; "deterministic" is both. */
function providerAndModel(name: string): { provider: string; model: string } {
  const [provider = name, model = name] = name.split(":");
  return { provider, model };
}
