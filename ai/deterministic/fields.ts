import type { Evidence, Field } from "@/domain/documents/types";

export function emptyField<T>(): Field<T> {
  return { value: null, confidence: 0, evidence: null };
}

export function field<T>(value: T, confidence: number, evidence: Evidence | null): Field<T> {
  return { value, confidence: clamp(confidence), evidence };
}

/** The deterministic extractor never claims more than this: it is the fallback, and reviewers should know. */
export const maxConfidence = 0.95;

export function clamp(confidence: number): number {
  return Math.round(Math.min(maxConfidence, Math.max(0, confidence)) * 100) / 100;
}
