import { invoke, type TimeStr } from "inngest";
import { modelLaneCallSchema } from "@/domain/payloads/model-lanes";
import { inngest } from "@/services/events/client";
import { callLane } from "@/services/models/lanes";
import type { LaneName } from "@/services/models/requests";
import { env } from "@/lib/env";

/**
 * The two model lanes every model call in Keel goes through (inngest/functions/model-call.ts). Their throttle and
 * concurrency are keyed on the provider and held by the engine, so the budget is one however many app instances
 * serve them. A call that cannot begin within the start timeout, or hangs past the finish timeout, is cancelled
 * and its invoker moves to the next lane.
 */
function lane(name: LaneName, limits: { rpm: number; inFlight: number }) {
  return inngest.createFunction(
    {
      id: `model-lane-${name}`,
      name: `Model lane: ${name}`,
      triggers: [invoke(modelLaneCallSchema)],
      throttle: { limit: limits.rpm, period: "1m", key: "event.data.provider" },
      concurrency: [{ limit: limits.inFlight, key: "event.data.provider" }],
      timeouts: {
        // Validated as Inngest durations in lib/env.ts.
        start: env().KEEL_MODEL_START_TIMEOUT as TimeStr,
        finish: env().KEEL_MODEL_FINISH_TIMEOUT as TimeStr,
      },
      // The model's own retries happen inside the call; these are for the database or a lost connection.
      retries: 2,
    },
    // The invocation's timestamp is when the call joined the lane's queue.
    async ({ event, runId, step }) => step.run("call", () => callLane(name, event.data, runId, Date.now() - event.ts)),
  );
}

export const modelLanePrimary = lane("primary", {
  rpm: env().KEEL_MODEL_RPM,
  inFlight: env().KEEL_MODEL_CONCURRENCY,
});

export const modelLaneFallback = lane("fallback", {
  rpm: env().KEEL_FALLBACK_MODEL_RPM,
  inFlight: env().KEEL_FALLBACK_MODEL_CONCURRENCY,
});
