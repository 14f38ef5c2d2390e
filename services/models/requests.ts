import type { ModelLaneName } from "@/ai/providers";

/**
 * Everything Keel asks a model for, one kind per workflow. Each kind's handler (listed in `handlers.ts`, which
 * imports the handlers, so these types live apart) calls its provider with the lane's model, records every request
 * in `model_calls` (documents by `document_id`; tickets without one, the ticket's own audit naming the lane),
 * stores its result in Keel's tables and answers only a LaneOutcome. A handler whose result is already stored
 * answers ok at once without calling the model, so a replayed run pays nothing.
 */
export type ModelRequest =
  { kind: "extract-document"; documentId: string } | { kind: "draft-ticket"; ticketId: string };

export type LaneName = ModelLaneName;

export type LaneOutcome =
  | { ok: true; lane: LaneName; provider: string; model: string }
  | { ok: false; lane: LaneName; reason: string; failureClass: string };

export type ModelHandler<K extends ModelRequest["kind"]> = (
  lane: LaneName,
  request: Extract<ModelRequest, { kind: K }>,
) => Promise<LaneOutcome>;

export type ModelHandlers = { [K in ModelRequest["kind"]]: ModelHandler<K> };
