import { z } from "zod";
import { ticketRiskRules } from "@/domain/tickets/risk";

/**
 * The support workflow's payloads, versioned as the documents' are. Its events and step outputs join here as the
 * workflow ships them, each listed in `./index.ts` with a recorded fixture.
 */

/** `tickets.findings`: why a ticket needs a person. Rule ids are stored, so they are never renamed. */
export const ticketFindingsSchema = z.array(
  z.looseObject({
    rule: z.enum(ticketRiskRules),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
);

/**
 * `tasks.proposed` of a ticket task: the reply and refund the run drafted, for the decision record to compare the
 * decided ones against. `kind` tells it from a document task's proposal.
 */
export const ticketTaskProposedSchema = z.looseObject({
  kind: z.literal("ticket"),
  reply: z.string(),
  refundMinor: z.int().nonnegative().nullable(),
  currency: z.string().length(3).nullable(),
});

/**
 * `tasks.parameters` of a decided ticket task: the reply and refund as decided (what the run sends and refunds),
 * the reason of a rejection or escalation, and who approved when four eyes applied.
 */
export const ticketDecisionParametersSchema = z.looseObject({
  reply: z.string(),
  refundMinor: z.int().nonnegative().nullable(),
  currency: z.string().length(3).nullable(),
  reason: z.string().optional(),
  approvers: z.array(z.string()).optional(),
});
export type TicketDecisionParameters = z.infer<typeof ticketDecisionParametersSchema>;
