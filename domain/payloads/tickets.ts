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
