import { extractDocumentWithModel } from "@/services/documents/model-extract";
import { draftTicketWithModel } from "@/services/tickets/model-draft";
import type { LaneName, LaneOutcome, ModelHandlers, ModelRequest } from "./requests";

/**
 * One line per request kind: the lanes dispatch here, so a new workflow's model call needs nothing else. Keyed by
 * the kinds, so a kind added to ModelRequest without its handler does not compile.
 */
export const modelHandlers: ModelHandlers = {
  "extract-document": extractDocumentWithModel,
  "draft-ticket": draftTicketWithModel,
};

/** Step (the lanes' one `call`): the request's handler on this lane. */
export async function runModelRequest(lane: LaneName, request: ModelRequest): Promise<LaneOutcome> {
  // Each kind's handler takes its own kind of request, which is the one dispatched to it.
  const handler = modelHandlers[request.kind] as (lane: LaneName, request: ModelRequest) => Promise<LaneOutcome>;
  return handler(lane, request);
}
