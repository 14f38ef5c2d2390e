import type { DeterministicHints } from "./deterministic/extract";
import type { ExtractionProvider } from "./provider";
import { extractDeterministicIsolated, type SandboxSettings } from "./sandbox";

/**
 * The chain's last link: label proximity and locale-aware parsing, no network, no tokens. It reads text that came
 * from an untrusted document, so it runs in a document reader process under that process's time and memory limit.
 */
export function deterministicProvider(sandbox: SandboxSettings, hints: DeterministicHints = {}): ExtractionProvider {
  return {
    name: "deterministic",
    model: "deterministic",
    async extract(call) {
      const started = performance.now();
      const extraction = await extractDeterministicIsolated(call.text, sandbox, hints);
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
