import { z } from "zod";
import { findingSchema, riskSchema, routeSchema } from "./stored";

/**
 * The outputs of the document pipeline's steps that a function reads back: a run that waits replays them from what
 * an older version memoised. Adding a field means making it optional or giving it a default.
 */

/** `check-rules` and `check-rules-round-N` in process-document. */
export const checkSummarySchema = z.looseObject({
  route: routeSchema,
  risk: riskSchema,
  findings: z.array(findingSchema),
  vendorId: z.string().nullable(),
});

/** `open-task` and `open-task-round-N`: dates are ISO strings, as JSON hands them back. */
export const openedTaskSchema = z.looseObject({
  taskId: z.string(),
  openedAt: z.iso.datetime({ offset: true }),
  deadlineAt: z.iso.datetime({ offset: true }),
  status: z.string(),
});

/** `read-decision…`. */
export const decisionSchema = z.looseObject({
  outcome: z.enum(["approved", "rejected", "expired", "pending"]),
  action: z.string().nullable(),
  by: z.string().nullable(),
});

const effectOutcomeSchema = z.union([
  z.looseObject({ effect: z.string(), key: z.string(), outcome: z.enum(["applied", "already_applied"]) }),
  z.looseObject({
    effect: z.string(),
    key: z.string(),
    outcome: z.literal("refused"),
    duplicateOf: z.looseObject({
      payableId: z.string(),
      documentId: z.string(),
      invoiceNumber: z.string().nullable(),
      key: z.string(),
    }),
  }),
]);

const postResultSchema = z.looseObject({
  outcome: z.enum(["posted", "held_for_review", "refused_duplicate"]),
  effects: z.array(effectOutcomeSchema),
});

/**
 * `post`: runs that posted before the step said how posting ended (before e7f8521) memoised the bare list of
 * effects, which meant posted; both read as today's result.
 */
export const postOutputSchema = z.union([
  postResultSchema,
  z.array(effectOutcomeSchema).transform((effects) => ({ outcome: "posted" as const, effects })),
]);
export type PostOutput = z.output<typeof postOutputSchema>;

/** `claim-N` in deliver-emails: the emails it claimed, each sent in a step named from its id and attempt. */
export const outboxClaimsSchema = z.array(z.looseObject({ id: z.string(), attempts: z.number() }));

/** `send-…` in deliver-emails. */
export const sendOutcomeSchema = z.enum(["sent", "retry", "failed", "skipped"]);
