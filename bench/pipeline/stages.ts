import { extractDeterministic } from "@/ai/deterministic/extract";
import type { Expected } from "@/ai/deterministic/fixtures/expected";
import { extractText } from "@/ai/text";
import type { SniffedKind } from "@/intake/sniff";
import { routeOffline } from "@/evals/stp";

import { ownCpuMs } from "./cpu";

export type StageCosts = { textMs: number; extractionMs: number; rulesMs: number };

/**
 * Single-document CPU per stage, in this process and warm (the JIT has seen each fixture first): reading the text,
 * the deterministic extractor, and the rules, risk and route as `evals/stp.ts` runs them offline (its time less the
 * extractor's, which it also runs). Averaged over every document given.
 */
export async function measureStages(
  documents: { bytes: Uint8Array; kind: SniffedKind; expected: Expected }[],
  rounds = 3,
): Promise<StageCosts> {
  const total = { textMs: 0, extractionMs: 0, routedMs: 0 };
  for (let round = 0; round <= rounds; round++) {
    for (const document of documents) {
      const a = ownCpuMs();
      const { text } = await extractText(document.bytes, document.kind);
      const b = ownCpuMs();
      extractDeterministic(text);
      const c = ownCpuMs();
      routeOffline(text, document.expected, []);
      const d = ownCpuMs();
      if (round === 0) continue;
      total.textMs += b - a;
      total.extractionMs += c - b;
      total.routedMs += d - c;
    }
  }
  const n = rounds * documents.length;
  const extractionMs = total.extractionMs / n;
  return {
    textMs: total.textMs / n,
    extractionMs,
    rulesMs: Math.max(0, total.routedMs / n - extractionMs),
  };
}

/** One document's text read in this process (Tesseract's threads included), warm: the CPU its first stage costs. */
export async function textCpuMs(bytes: Uint8Array, kind: SniffedKind, rounds = 2): Promise<number> {
  await extractText(bytes, kind);
  const before = ownCpuMs();
  for (let round = 0; round < rounds; round++) await extractText(bytes, kind);
  return (ownCpuMs() - before) / rounds;
}
