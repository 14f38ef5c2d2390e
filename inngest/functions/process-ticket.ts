import { inngest } from "@/services/events/client";
import { ticketReceived } from "@/services/events/catalog";
import {
  ticketAssessmentSchema,
  ticketDecisionOutcomeSchema,
  ticketDraftOutputSchema,
  ticketOpenedTaskSchema,
  ticketRefundOutputSchema,
  ticketReplyOutputSchema,
  type TicketDecisionOutcome,
} from "@/domain/payloads/ticket-steps";
import { decisionCheckpoints } from "@/domain/tasks/checkpoints";
import { deadlineLadder } from "@/domain/tasks/ladder";
import { climbLadderStep } from "@/services/tasks/ladder";
import { openTicketTaskStep } from "@/services/tickets/open-task";
import { assessTicketRiskStep } from "@/services/tickets/workflow/assess-risk";
import { autoSendTicketStep } from "@/services/tickets/workflow/auto-send";
import { classifyTicketStep } from "@/services/tickets/workflow/classify";
import { draftTicketStep } from "@/services/tickets/workflow/draft";
import { markTicketFailedStep } from "@/services/tickets/workflow/fail";
import { lookUpTicketStep } from "@/services/tickets/workflow/look-up";
import { readTicketDecisionStep } from "@/services/tickets/workflow/read-decision";
import { refundTicketStep } from "@/services/tickets/workflow/refund";
import { sendTicketReplyStep } from "@/services/tickets/workflow/send-reply";
import { startTicketStep } from "@/services/tickets/workflow/start";
import { callModel } from "./model-call";
import { waitForDecision } from "./wait-for-decision";

/**
 * The support workflow: classify → look up the order → draft (model lanes, else templates) → risk → either send on
 * its own (no findings) or wait for a person; on approval refund once and reply once. Rejection, escalation and
 * the deadline end the run with nothing refunded or sent.
 */
export const processTicket = inngest.createFunction(
  {
    id: "process-ticket",
    name: "Process ticket",
    triggers: [ticketReceived],
    // One run per ticket at a time: a relayed duplicate start waits rather than racing the first.
    concurrency: [{ limit: 8 }, { key: "event.data.ticketId", limit: 1 }],
    retries: 4,
    onFailure: async ({ event, error, step }) => {
      const { ticketId } = ticketReceived.schema.parse(event.data.event.data);
      await step.run("mark-failed", () =>
        markTicketFailedStep(ticketId, { name: error.name, message: error.message }, event.data.run_id, new Date()),
      );
    },
  },
  async ({ event, step }) => {
    const { ticketId } = event.data;
    await step.run("start", () => startTicketStep(ticketId));
    await step.run("classify", () => classifyTicketStep(ticketId, new Date()));
    await step.run("look-up", () => lookUpTicketStep(ticketId));
    const call = await callModel(step, "draft-model", { kind: "draft-ticket", ticketId });
    // Outputs a run reads back are parsed: a waiting run replays what an older version memoised (domain/payloads).
    const draft = ticketDraftOutputSchema.parse(
      await step.run("draft", () => draftTicketStep(ticketId, call, new Date())),
    );
    const risk = ticketAssessmentSchema.parse(
      await step.run("assess-risk", () => assessTicketRiskStep(ticketId, draft.lane, new Date())),
    );

    if (!risk.needsPerson) {
      await step.run("auto-send", () => autoSendTicketStep(ticketId, new Date()));
      ticketReplyOutputSchema.parse(await step.run("send-reply", () => sendTicketReplyStep(ticketId, new Date())));
      return { ticketId, status: "resolved", by: "auto-send" };
    }

    const task = ticketOpenedTaskSchema.parse(
      await step.run("open-task", () => openTicketTaskStep(ticketId, new Date())),
    );
    const openedAt = new Date(task.openedAt);
    const deadlineAt = new Date(task.deadlineAt);
    const ladder = deadlineLadder("TICKET_REVIEW", openedAt, deadlineAt);
    // Looks at the task besides its signal, so a decision whose signal was lost is still seen within minutes.
    const checkpoints = decisionCheckpoints(
      openedAt,
      deadlineAt,
      ladder.map((rung) => rung.at),
    );
    let decision: TicketDecisionOutcome = { outcome: "pending", action: null, by: null, refundMinor: null };
    let climbed = 0;
    for (const [index, until] of checkpoints.entries()) {
      const suffix = index === 0 ? "" : `-${String(index)}`;
      await waitForDecision(step, `wait-for-decision${suffix}`, task.taskId, until);
      const atDeadline = index === checkpoints.length - 1;
      decision = ticketDecisionOutcomeSchema.parse(
        await step.run(`read-decision${suffix}`, () => readTicketDecisionStep(task.taskId, atDeadline)),
      );
      if (decision.outcome !== "pending") break;
      // Rungs whose time has come: remind, then widen to the next role, before the deadline closes the ticket.
      while (climbed < ladder.length && (ladder[climbed]?.at.getTime() ?? Infinity) <= until.getTime()) {
        const rungIndex = climbed;
        const rung = ladder[rungIndex]?.rung;
        if (rung)
          await step.run(`deadline-ladder-${String(rungIndex)}`, () => climbLadderStep(task.taskId, rung, rungIndex));
        climbed++;
      }
    }
    if (decision.outcome !== "approved") return { ticketId, status: decision.outcome };

    if (decision.refundMinor !== null && decision.refundMinor > 0)
      ticketRefundOutputSchema.parse(await step.run("refund", () => refundTicketStep(ticketId)));
    ticketReplyOutputSchema.parse(await step.run("send-reply", () => sendTicketReplyStep(ticketId, new Date())));
    return { ticketId, status: "resolved", by: decision.by };
  },
);
