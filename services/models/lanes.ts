import { modelLaneNames, modelLanes } from "@/ai/providers";
import { recordLaneStart } from "@/db/queries/model-lanes";
import { env } from "@/lib/env";
import { runModelRequest } from "./handlers";
import type { LaneName, LaneOutcome, ModelRequest } from "./requests";

/**
 * The lanes a model call tries, in order, each with the provider key its throttle and concurrency are held under
 * ("anthropic:claude-sonnet-5-5"); empty without a configured model, when the deterministic path is all there is.
 */
export function configuredLanes(): { lane: LaneName; provider: string }[] {
  const lanes = modelLanes(env());
  if (!lanes) return [];
  return modelLaneNames.map((lane) => ({ lane, provider: `${lanes[lane].provider}:${lanes[lane].model}` }));
}

/**
 * What a lane is invoked with. The subject's id rides at the top as well, as on every Keel event, so the lane's run
 * is linked to its document in the Runs view and its spans carry keel.document_id or keel.ticket_id.
 */
export function laneCallData(provider: string, request: ModelRequest) {
  const subject =
    request.kind === "extract-document" ? { documentId: request.documentId } : { ticketId: request.ticketId };
  return { provider, request, ...subject };
}

/**
 * Step (a lane's one `call`): notes how long the call waited in the lane's queue before it began, for the Monitor,
 * then runs the request's handler on this lane.
 */
export async function callLane(
  lane: LaneName,
  call: { provider: string; request: ModelRequest },
  runId: string,
  queuedMs: number,
): Promise<LaneOutcome> {
  const { request } = call;
  await recordLaneStart({
    runId,
    lane,
    provider: call.provider,
    kind: request.kind,
    subjectId: request.kind === "extract-document" ? request.documentId : request.ticketId,
    queuedMs: Math.max(0, Math.round(queuedMs)),
  });
  return runModelRequest(lane, request);
}
