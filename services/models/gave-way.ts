import { modelLanes } from "@/ai/providers";
import { documentTimeline } from "@/domain/timeline";
import { recordDocumentEvent, recordModelCall } from "@/db/queries/documents";
import { env } from "@/lib/env";
import type { LaneName, ModelRequest } from "./requests";

/** Why a lane gave way: its run never began in time, began and hung, failed outright, or the model said no. */
export type GaveWay = { lane: LaneName; reason: string; failureClass: string; cancelled: boolean };

/**
 * Step: a lane gave way and the next takes the call. A lane cancelled before it could answer made no request the
 * monitor would count, so it gets a model_calls row of its own (errorClass "start_timeout", "finish_timeout" or
 * "lane_failed", latency the time it held the call up); a document also gets the "fallback" line on its timeline.
 * Returns when it was recorded: the next lane's wait is counted from there.
 */
export async function recordLaneGaveWay(
  request: ModelRequest,
  gave: GaveWay,
  waitedMs: number,
  callKey: string,
): Promise<{ at: number }> {
  const lane = modelLanes(env())?.[gave.lane];
  const provider = lane ? `${lane.provider}:${lane.model}` : gave.lane;
  const documentId = request.kind === "extract-document" ? request.documentId : null;
  if (gave.cancelled) {
    await recordModelCall({
      documentId,
      provider,
      model: lane?.model ?? gave.lane,
      promptVersion: null,
      attempt: 0,
      outcome: "error",
      errorClass: gave.failureClass,
      latencyMs: Math.max(0, Math.round(waitedMs)),
      // The call's key is its step id and the instant the run memoised for it: unique per run, and with the
      // document or ticket, across them.
      dedupeKey: `gave-way:${request.kind === "extract-document" ? request.documentId : request.ticketId}:${callKey}:${gave.lane}`,
    });
  }
  if (documentId) {
    await recordDocumentEvent({
      documentId,
      kind: "fallback",
      label: documentTimeline.modelGaveWay({ provider, failureClass: gave.failureClass, reason: gave.reason }),
      data: { lane: gave.lane, waitedMs: Math.round(waitedMs) },
      dedupeKey: `fallback:${callKey}:${gave.lane}`,
    });
  }
  return { at: Date.now() };
}
