import { extractDeterministic, type DeterministicHints } from "./deterministic/extract";
import type { ExtractionProvider } from "./provider";

/** The chain's last link: label proximity and locale-aware parsing, no network, no tokens. */
export function deterministicProvider(hints: DeterministicHints = {}): ExtractionProvider {
  return {
    name: "deterministic",
    model: "deterministic",
    async extract(call) {
      const started = performance.now();
      const extraction = extractDeterministic(call.text, hints);
      const usage = { inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
      await call.onCall({
        provider: "deterministic",
        model: "deterministic",
        promptVersion: null,
        attempt: 0,
        outcome: "ok",
        errorClass: null,
        usage,
        latencyMs: performance.now() - started,
      });
      return { extraction, usage };
    },
  };
}
