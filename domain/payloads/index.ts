import type { z } from "zod";
import * as steps from "./document-steps";
import * as events from "./events";
import * as modelLanes from "./model-lanes";
import * as stored from "./stored";
import * as textSteps from "./text-steps";
import * as ticketSteps from "./ticket-steps";
import * as tickets from "./tickets";

/**
 * Every payload that outlives the code that wrote it, by kind: `event.*` (event data), `step.*` (step outputs a
 * function reads back on replay) and `stored.*` (jsonb read back). Each kind has recorded fixtures in
 * `tests/fixtures/payloads/<kind>/`, one per shape that shipped, and its required keys in `required-keys.json`.
 * A new workflow adds its kinds here.
 */
export const payloadSchemas = {
  "event.document-received": events.documentReceivedSchema,
  "event.task-resolved": events.taskResolvedSchema,
  "event.email-queued": events.emailQueuedSchema,
  "event.ticket-received": events.ticketReceivedSchema,
  "step.extract-text": textSteps.extractTextOutputSchema,
  "step.ocr-pages": textSteps.pagesReadSchema,
  "step.check-rules": steps.checkSummarySchema,
  "step.open-task": steps.openedTaskSchema,
  "step.read-decision": steps.decisionSchema,
  "step.post": steps.postOutputSchema,
  "step.claim-emails": steps.outboxClaimsSchema,
  "step.send-email": steps.sendOutcomeSchema,
  "step.ticket-draft": ticketSteps.ticketDraftOutputSchema,
  "step.ticket-assessment": ticketSteps.ticketAssessmentSchema,
  "step.ticket-open-task": ticketSteps.ticketOpenedTaskSchema,
  "step.ticket-decision": ticketSteps.ticketDecisionOutcomeSchema,
  "step.ticket-refund": ticketSteps.ticketRefundOutputSchema,
  "step.ticket-reply": ticketSteps.ticketReplyOutputSchema,
  "stored.extraction": stored.extractionSchema,
  "stored.findings": stored.findingsSchema,
  "stored.risk": stored.riskSchema,
  "stored.route": stored.routeSchema,
  "stored.task-proposed": stored.taskProposedSchema,
  "stored.task-decided": stored.taskDecidedSchema,
  "stored.task-parameters": stored.taskParametersSchema,
  "stored.audit-fields-edited": stored.fieldsEditedAuditSchema,
  "stored.extracted-text": stored.extractedTextSchema,
  "stored.purchase-order-lines": stored.purchaseOrderLinesSchema,
  "stored.ticket-findings": tickets.ticketFindingsSchema,
  "stored.ticket-task-proposed": tickets.ticketTaskProposedSchema,
  "stored.ticket-task-parameters": tickets.ticketDecisionParametersSchema,
  "event.model-lane-call": modelLanes.modelLaneCallSchema,
  "step.model-lane": modelLanes.laneOutcomeSchema,
  "step.model-call-issued": modelLanes.modelCallIssuedSchema,
  "step.model-lane-gave-way": modelLanes.laneGaveWayOutputSchema,
} satisfies Record<string, z.ZodType>;

export type PayloadKind = keyof typeof payloadSchemas;
