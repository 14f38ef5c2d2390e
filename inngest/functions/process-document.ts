import { inngest } from "../client";
import { documentReceived } from "../events";
import { checkDocumentStep } from "../pipeline/check-document";
import { extractFieldsStep } from "../pipeline/extract-fields";
import { extractTextStep } from "../pipeline/extract-text";
import { decisionCheckpoints } from "@/domain/tasks/checkpoints";
import { deadlineLadder } from "@/domain/tasks/ladder";
import { climbLadderStep } from "../pipeline/ladder";
import { finishUnpostedStep, markFailedStep, readDecisionStep, startStep, type Decision } from "../pipeline/lifecycle";
import { openTaskStep } from "../pipeline/open-task";
import { postDocumentStep } from "../pipeline/post-document";

/** The document pipeline: text → fields → rules, risk, route → (a person decides) → post. */
export const processDocument = inngest.createFunction(
  {
    id: "process-document",
    name: "Process document",
    triggers: [documentReceived],
    // Two cores here; OCR and model calls are heavy. Inngest Cloud can raise it by config.
    concurrency: { limit: 4 },
    retries: 4,
    onFailure: async ({ event, error, step }) => {
      const { documentId } = documentReceived.schema.parse(event.data.event.data);
      await step.run("mark-failed", () => markFailedStep(documentId, { name: error.name, message: error.message }, event.data.run_id));
    },
  },
  async ({ event, step, runId }) => {
    const { documentId } = event.data;
    await step.run("start", () => startStep(documentId, runId));
    await step.run("extract-text", () => extractTextStep(documentId));
    await step.run("extract-fields", () => extractFieldsStep(documentId));
    const check = await step.run("check-rules", () => checkDocumentStep(documentId));

    if (check.route.kind === "task") {
      const route = check.route;
      const task = await step.run("open-task", () => openTaskStep(documentId, route, check.findings, new Date()));
      const openedAt = new Date(task.openedAt);
      const deadlineAt = new Date(task.deadlineAt);
      const ladder = deadlineLadder(check.route.taskType, openedAt, deadlineAt);
      const checkpoints = decisionCheckpoints(openedAt, deadlineAt);
      let decision: Decision = { outcome: "pending", action: null, by: null };
      let climbed = 0;
      for (const [round, until] of checkpoints.entries()) {
        const suffix = round === 0 ? "" : `-${String(round)}`;
        await step.waitForEvent(`wait-for-decision${suffix}`, {
          event: "keel/task.resolved",
          if: `async.data.taskId == "${task.taskId}"`,
          timeout: until,
        });
        const atDeadline = round === checkpoints.length - 1;
        decision = await step.run(`read-decision${suffix}`, () => readDecisionStep(task.taskId, atDeadline));
        if (decision.outcome !== "pending") break;
        // Rungs whose time has come: remind, then escalate, before the safe default at the deadline.
        while (climbed < ladder.length && (ladder[climbed]?.at.getTime() ?? Infinity) <= until.getTime()) {
          const index = climbed;
          const rung = ladder[index]?.rung;
          if (rung) await step.run(`deadline-ladder-${String(index)}`, () => climbLadderStep(task.taskId, rung, index));
          climbed++;
        }
      }
      if (decision.outcome !== "approved") {
        await step.run("finish-unposted", () => finishUnpostedStep(documentId, decision));
        return { documentId, status: decision.outcome };
      }
    }

    const effects = await step.run("post", () => postDocumentStep(documentId));
    return { documentId, status: "posted", effects };
  },
);
