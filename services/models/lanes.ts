import { modelLaneNames, modelLanes } from "@/ai/providers";
import { env } from "@/lib/env";
import type { LaneName } from "./requests";

/**
 * The lanes a model call tries, in order, each with the provider key its throttle and concurrency are held under
 * ("anthropic:claude-sonnet-4-5"); empty without a configured model, when the deterministic path is all there is.
 */
export function configuredLanes(): { lane: LaneName; provider: string }[] {
  const lanes = modelLanes(env());
  if (!lanes) return [];
  return modelLaneNames.map((lane) => ({ lane, provider: `${lanes[lane].provider}:${lanes[lane].model}` }));
}
