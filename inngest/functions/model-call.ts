import type { GetStepTools } from "inngest";
import { laneGaveWayOutputSchema, laneOutcomeSchema, modelCallIssuedSchema } from "@/domain/payloads/model-lanes";
import type { inngest } from "@/services/events/client";
import { recordLaneGaveWay, type GaveWay } from "@/services/models/gave-way";
import { configuredLanes, laneCallData } from "@/services/models/lanes";
import type { LaneName, ModelRequest } from "@/services/models/requests";
import { env } from "@/lib/env";
import { modelLaneFallback, modelLanePrimary } from "./model-lanes";

export type ModelCallResult = { lane: LaneName | "deterministic"; gaveWay: { lane: LaneName; reason: string }[] };

type Step = GetStepTools<typeof inngest>;

const laneFunctions = { primary: modelLanePrimary, fallback: modelLaneFallback } as const;

/**
 * The one way a run asks a model: the primary lane, then the fallback lane, then the deterministic path, which the
 * caller runs in its own next step (it reads the stored result, or computes one without a model for
 * "deterministic"). Time spent queued for a lane is the routing signal: a lane that cannot begin within its start
 * budget, hangs past its finish budget, or answers not ok gives way to the next, and nothing fails the run.
 */
export async function callModel(step: Step, id: string, request: ModelRequest): Promise<ModelCallResult> {
  const lanes = configuredLanes();
  if (lanes.length === 0) return { lane: "deterministic", gaveWay: [] };
  // Memoised, so the time a lane held the call up is measured from one instant however often the run replays.
  let since = modelCallIssuedSchema.parse(await step.run(`${id}-issued`, () => Date.now()));
  const gaveWay: ModelCallResult["gaveWay"] = [];
  for (const { lane, provider } of lanes) {
    const answer = await step
      .invoke(`${id}-${lane}`, {
        function: laneFunctions[lane],
        data: laneCallData(provider, request),
      })
      .then(
        (outcome) => ({ outcome: laneOutcomeSchema.parse(outcome) }),
        (error: unknown) => ({ error }),
      );
    let gave: GaveWay;
    if ("outcome" in answer) {
      if (answer.outcome.ok) return { lane, gaveWay };
      gave = { lane, reason: answer.outcome.reason, failureClass: answer.outcome.failureClass, cancelled: false };
    } else {
      gave = { lane, ...whyCancelled(answer.error), cancelled: true };
    }
    gaveWay.push({ lane, reason: gave.reason });
    const recordedAt = since;
    const recorded = await step.run(`${id}-${lane}-gave-way`, () =>
      recordLaneGaveWay(request, gave, Date.now() - recordedAt, `${id}:${String(recordedAt)}`),
    );
    since = laneGaveWayOutputSchema.parse(recorded).at;
  }
  return { lane: "deterministic", gaveWay };
}

/**
 * The engine (as Inngest Cloud) ends an invoked run that timed out with "function cancelled"; Keel's engine adds
 * which timeout after a colon. Any other error means the lane's run failed after its own retries.
 */
function whyCancelled(error: unknown): { reason: string; failureClass: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith("function cancelled")) {
    if (message.includes("timeouts.start"))
      return {
        reason: `start timeout: the call waited longer than ${env().KEEL_MODEL_START_TIMEOUT} to begin`,
        failureClass: "start_timeout",
      };
    if (message.includes("timeouts.finish"))
      return {
        reason: `finish timeout: the call ran longer than ${env().KEEL_MODEL_FINISH_TIMEOUT}`,
        failureClass: "finish_timeout",
      };
  }
  return { reason: `the lane failed: ${message}`, failureClass: "lane_failed" };
}
