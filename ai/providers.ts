import type { Env } from "@/lib/env";
import { anthropicProvider } from "./anthropic";
import { deterministicProvider } from "./deterministic-provider";
import type { ExtractionProvider } from "./provider";
import { sandboxSettings } from "./sandbox";

/**
 * The chain for this environment: primary Claude → cheaper Claude → the deterministic extractor; without an API
 * key the deterministic extractor alone.
 */
export function extractionChain(e: Env, hints: Parameters<typeof deterministicProvider>[1] = {}): ExtractionProvider[] {
  const last = deterministicProvider(sandboxSettings(e), hints);
  if (!e.ANTHROPIC_API_KEY) return [last];
  const common = {
    apiKey: e.ANTHROPIC_API_KEY,
    baseURL: e.ANTHROPIC_BASE_URL,
    timeoutMs: e.KEEL_MODEL_TIMEOUT_MS,
    maxAttempts: 3,
    backoff: { baseMs: 1_000, capMs: 20_000 },
  };
  return [
    anthropicProvider({ ...common, model: e.KEEL_MODEL_PRIMARY }),
    anthropicProvider({ ...common, model: e.KEEL_MODEL_FALLBACK }),
    last,
  ];
}
