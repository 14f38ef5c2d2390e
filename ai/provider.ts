import type { ExtractedText, Extraction } from "@/domain/documents/types";
import type { Usage } from "./pricing";

export type ProviderCall = {
  text: ExtractedText;
  /** Tokens this document may still spend; a provider that would exceed it refuses. */
  tokensLeft: number;
  /** Reported once per request the provider makes, success or failure. */
  onCall: (call: CallRecord) => Promise<void>;
};

export type CallRecord = {
  provider: string;
  model: string;
  promptVersion: string | null;
  attempt: number;
  outcome: "ok" | "error" | "invalid_output";
  errorClass: string | null;
  usage: Usage;
  latencyMs: number;
};

/** One link of the model chain. */
export type ExtractionProvider = {
  name: string;
  model: string;
  /** Throws ProviderError; the chain decides what happens next. */
  extract(call: ProviderCall): Promise<{ extraction: Extraction; usage: Usage }>;
};
