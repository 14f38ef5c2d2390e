import { z } from "zod";

/**
 * What passes between a run and the model lanes it invokes (inngest/functions/model-lanes.ts): the invocation's
 * data and the lane's answer, which the invoking run reads back on every replay. Only optional fields may be added.
 */

export const modelRequestSchema = z.discriminatedUnion("kind", [
  z.looseObject({ kind: z.literal("extract-document"), documentId: z.string().min(1) }),
  z.looseObject({ kind: z.literal("draft-ticket"), ticketId: z.string().min(1) }),
]);

const laneNameSchema = z.enum(["primary", "fallback"]);

/** The data a lane is invoked with: `provider` keys the shared throttle and concurrency. */
export const modelLaneCallSchema = z.looseObject({
  provider: z.string().min(1),
  request: modelRequestSchema,
  // The request's subject again, where traces and the Runs view look for it on every event.
  documentId: z.string().optional(),
  ticketId: z.string().optional(),
});

/** A lane's answer: the result itself is stored by the handler in Keel's tables, never carried in run state. */
export const laneOutcomeSchema = z.discriminatedUnion("ok", [
  z.looseObject({ ok: z.literal(true), lane: laneNameSchema, provider: z.string(), model: z.string() }),
  z.looseObject({ ok: z.literal(false), lane: laneNameSchema, reason: z.string(), failureClass: z.string() }),
]);

/** `<id>-issued`: when the call was first issued, memoised so every replay measures lane waits from one instant. */
export const modelCallIssuedSchema = z.number();

/** `<id>-<lane>-gave-way`: when the lane's giving way was recorded; the next lane's wait counts from there. */
export const laneGaveWayOutputSchema = z.looseObject({ at: z.number() });
