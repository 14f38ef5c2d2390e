import type { Env } from "@/lib/env";
import { anthropicProvider } from "./anthropic";
import { FALLBACK_CONFIDENCE_FACTOR } from "./chain";
import { deterministicProvider } from "./deterministic-provider";
import type { ExtractionProvider } from "./provider";
import { sandboxSettings } from "./sandbox";

/** The model lanes in the order a call tries them; the deterministic path follows the last. */
export const modelLaneNames = ["primary", "fallback"] as const;
export type ModelLaneName = (typeof modelLaneNames)[number];

/** One lane: its model, and how much less an answer from it is trusted than one from the primary. */
export type ModelLane = { provider: string; model: string; confidenceFactor: number };

/**
 * The model behind each lane: the primary Claude, then the cheaper one, whose answers weigh less so a person is more
 * likely to look. Undefined without an API key: then the deterministic path is the only one.
 */
export function modelLanes(e: Env): Record<ModelLaneName, ModelLane> | undefined {
  if (!e.ANTHROPIC_API_KEY) return undefined;
  return {
    primary: { provider: "anthropic", model: e.KEEL_MODEL_PRIMARY, confidenceFactor: 1 },
    fallback: { provider: "anthropic", model: e.KEEL_MODEL_FALLBACK, confidenceFactor: FALLBACK_CONFIDENCE_FACTOR },
  };
}

/** Attempts per model for transient failures; a lane's finish timeout has to outlast them all. */
export const MODEL_ATTEMPTS = 3;

/** A lane's extraction provider, with its own classified retries and backoff inside the one call. */
export function laneExtractionProvider(e: Env, lane: ModelLane): ExtractionProvider {
  return anthropicProvider({
    apiKey: e.ANTHROPIC_API_KEY ?? "",
    baseURL: e.ANTHROPIC_BASE_URL,
    model: lane.model,
    timeoutMs: e.KEEL_MODEL_TIMEOUT_MS,
    effort: e.KEEL_MODEL_EFFORT,
    maxAttempts: MODEL_ATTEMPTS,
    backoff: { baseMs: 1_000, capMs: 20_000 },
  });
}

/**
 * The whole chain in one process, as the eval and the drift check score it: the lanes in order, then the
 * deterministic extractor; without an API key the deterministic extractor alone. The pipeline calls each lane
 * through its own Inngest function instead (inngest/functions/model-lanes.ts), under the shared budget.
 */
export function extractionChain(e: Env, hints: Parameters<typeof deterministicProvider>[1] = {}): ExtractionProvider[] {
  const last = deterministicProvider(sandboxSettings(e), hints);
  const lanes = modelLanes(e);
  if (!lanes) return [last];
  return [...modelLaneNames.map((name) => laneExtractionProvider(e, lanes[name])), last];
}
