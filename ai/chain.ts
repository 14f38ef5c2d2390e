import type { ExtractedText, Extraction, Field, LineItem } from "@/domain/documents/types";
import { ProviderError } from "./errors";
import type { CallRecord, ExtractionProvider } from "./provider";

export type ChainResult = {
  extraction: Extraction;
  /** Providers that failed before the one that answered, with why. */
  fallbacks: { provider: string; reason: string; failureClass: string }[];
  tokensUsed: number;
};

/** Each step down the chain makes the answer less trusted, so it is more likely to reach a person. */
export const FALLBACK_CONFIDENCE_FACTOR = 0.85;

/**
 * Asks each provider in turn; the first good answer wins. A provider that fails (after its own retries), answers
 * outside its schema twice, or would exceed the document's token budget hands over to the next. The last link is
 * meant to be the deterministic extractor, which does not fail on a readable document.
 */
export async function runExtractionChain(
  providers: ExtractionProvider[],
  input: { text: ExtractedText; tokenBudget: number; onCall: (call: CallRecord) => Promise<void> },
): Promise<ChainResult> {
  const fallbacks: ChainResult["fallbacks"] = [];
  let tokensUsed = 0;
  let lastError: unknown;
  for (const provider of providers) {
    try {
      const { extraction } = await provider.extract({
        text: input.text,
        tokensLeft: Math.max(0, input.tokenBudget - tokensUsed),
        onCall: async (call) => {
          tokensUsed += call.usage.inputTokens + call.usage.outputTokens;
          await input.onCall(call);
        },
      });
      const factor = FALLBACK_CONFIDENCE_FACTOR ** fallbacks.length;
      return { extraction: factor < 1 ? lowerConfidence(extraction, factor) : extraction, fallbacks, tokensUsed };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      lastError = error;
      fallbacks.push({ provider: provider.name, reason: error.message, failureClass: error.failureClass });
    }
  }
  throw lastError instanceof Error ? lastError : new Error("No extraction provider is configured.");
}

function scale<T>(field: Field<T>, factor: number): Field<T> {
  return { ...field, confidence: Math.round(field.confidence * factor * 1000) / 1000 };
}

export function lowerConfidence(extraction: Extraction, factor: number): Extraction {
  const f = extraction.fields;
  const line = (l: LineItem): LineItem => ({
    ...l,
    description: scale(l.description, factor),
    quantity: scale(l.quantity, factor),
    unitPriceMinor: scale(l.unitPriceMinor, factor),
    amountMinor: scale(l.amountMinor, factor),
  });
  return {
    ...extraction,
    documentClass: scale(extraction.documentClass, factor),
    fields: {
      vendorName: scale(f.vendorName, factor),
      vendorTaxId: scale(f.vendorTaxId, factor),
      documentNumber: scale(f.documentNumber, factor),
      poNumber: scale(f.poNumber, factor),
      issueDate: scale(f.issueDate, factor),
      dueDate: scale(f.dueDate, factor),
      currency: scale(f.currency, factor),
      subtotalMinor: scale(f.subtotalMinor, factor),
      taxMinor: scale(f.taxMinor, factor),
      totalMinor: scale(f.totalMinor, factor),
      paymentTerms: scale(f.paymentTerms, factor),
      bankDetails: scale(f.bankDetails, factor),
      lines: f.lines.map(line),
    },
  };
}
