import { z } from "zod";

/**
 * The outputs of the ticket workflow's steps that `process-ticket` reads back: a run waiting for a person replays
 * them from what an older version memoised. Adding a field means making it optional or giving it a default.
 */

/** `draft`: which lane the stored draft came from. */
export const ticketDraftOutputSchema = z.looseObject({
  lane: z.enum(["primary", "fallback", "deterministic"]),
  refundMinor: z.number().int().nonnegative().nullable(),
  currency: z.string().length(3).nullable(),
});

/** `assess-risk`: whether a person decides, and how many findings say why. */
export const ticketAssessmentSchema = z.looseObject({
  needsPerson: z.boolean(),
  findings: z.number().int().nonnegative(),
});

/** `open-task` (services/tickets/open-task.ts): dates are ISO strings, as JSON hands them back. */
export const ticketOpenedTaskSchema = z.looseObject({
  taskId: z.string(),
  openedAt: z.iso.datetime({ offset: true }),
  deadlineAt: z.iso.datetime({ offset: true }),
});

/** `read-decision`: the one outcome of the ticket's task, and whether the decision moves money. */
export const ticketDecisionOutcomeSchema = z.looseObject({
  outcome: z.enum(["approved", "rejected", "escalated", "expired", "pending"]),
  action: z.string().nullable(),
  by: z.string().nullable(),
  refundMinor: z.number().int().nonnegative().nullable(),
});
export type TicketDecisionOutcome = z.infer<typeof ticketDecisionOutcomeSchema>;

/** `refund`: the ticket's one refund, and whether this attempt wrote it or found it. */
export const ticketRefundOutputSchema = z.looseObject({
  refundId: z.string(),
  applied: z.boolean(),
  attempt: z.number().int().positive(),
});

/** `send-reply`: whether this attempt queued the reply or found it queued. */
export const ticketReplyOutputSchema = z.looseObject({
  queued: z.boolean(),
  outboxKey: z.string(),
});
