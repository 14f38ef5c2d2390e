import { extractDeterministic, type DeterministicHints } from "@/ai/deterministic/extract";
import { extractText, type ExtractTextOptions } from "@/ai/text";
import type { ExtractedText } from "@/domain/documents/types";
import type { SniffedKind } from "@/intake/sniff";

export type ExtractTextJob = { bytes: Uint8Array; kind: SniffedKind; options?: ExtractTextOptions };
export type DeterministicJob = { text: ExtractedText; hints?: DeterministicHints };

/** The jobs a document reader process runs, by name. */
export const documentJobs = {
  "extract-text": (input: ExtractTextJob) => extractText(input.bytes, input.kind, input.options),
  "extract-deterministic": (input: DeterministicJob) => extractDeterministic(input.text, input.hints),
};
