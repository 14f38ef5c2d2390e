import { inngest } from "@/services/events/client";
import { documentReceived } from "@/services/events/catalog";
import { taskTypes, type TaskType } from "@/domain/routing";
import { checkDocumentStep, extractAndCheckStep } from "@/services/documents/check-document";
import { startAndReadTextStep } from "@/services/documents/extract-text";
import { assembleTextStep, ocrPagesStep } from "@/services/documents/ocr-pages";
import { callModel } from "./model-call";
import { waitForDecision } from "./wait-for-decision";
import { decisionCheckpoints } from "@/domain/tasks/checkpoints";
import { deadlineLadder } from "@/domain/tasks/ladder";
import { climbLadderStep } from "@/services/tasks/ladder";
import { finishUnpostedStep, markFailedStep, readDecisionStep, type Decision } from "@/services/documents/lifecycle";
import { openTaskStep } from "@/services/tasks/open-task";
import { postDocumentStep } from "@/services/documents/post-document";
import { sampleForQaStep } from "@/services/operations/qa-sampling";
import {
  checkSummarySchema,
  decisionSchema,
  openedTaskSchema,
  postOutputSchema,
} from "@/domain/payloads/document-steps";
import { extractTextOutputSchema, pagesReadSchema } from "@/domain/payloads/text-steps";

/** The document pipeline: text → fields → rules, risk, route → (a person decides) → post. */
export const processDocument = inngest.createFunction(
  {
    id: "process-document",
    name: "Process document",
    triggers: [documentReceived],
    // Calls in flight, not CPU: parsing and OCR are bounded by the reader pool (KEEL_PARSE_WORKERS) and model calls
    // by their lanes, so eight keep two cores busy while one call waits on the database or a reader (four left
    // them idle half the time: bench:pipeline, 173 → 350–526 documents/minute).
    concurrency: { limit: 8 },
    retries: 4,
    onFailure: async ({ event, error, step }) => {
      const { documentId } = documentReceived.schema.parse(event.data.event.data);
      await step.run("mark-failed", () =>
        markFailedStep(documentId, { name: error.name, message: error.message }, event.data.run_id),
      );
    },
  },
  async ({ event, step, runId }) => {
    const { documentId } = event.data;
    // Runs from before OCR had steps of its own memoised a summary here, and go straight on. Runs from before the
    // start was folded into this step memoised "start" too, which is left unread.
    const text = extractTextOutputSchema.parse(
      await step.run("extract-text", () => startAndReadTextStep(documentId, runId)),
    );
    if ("ocrFrom" in text) {
      // Scanned pages in batches that fit KEEL_STEP_BUDGET_SECONDS, each step named by its first page.
      for (let from: number | null = text.ocrFrom; from !== null;) {
        const first: number = from;
        const read = await step.run(`ocr-pages-${String(first)}`, () => ocrPagesStep(documentId, first));
        from = pagesReadSchema.parse(read).next;
      }
      await step.run("assemble-text", () => assembleTextStep(documentId));
    }
    // The model reads the document through the shared lanes first; extract-fields keeps what it stored.
    const model = await callModel(step, "extract-fields-model", { kind: "extract-document", documentId });
    // Outputs a run reads back are parsed: a waiting run replays what an older version memoised (domain/payloads).
    // A run that memoised "extract-fields" before it was folded in here finds its extraction stored and reuses it.
    let check = checkSummarySchema.parse(
      await step.run("check-rules", () => extractAndCheckStep(documentId, model.gaveWay.length)),
    );

    // Each approval can reveal the next decision (a corrected total now needs spend approval); each round asks one.
    const decided: TaskType[] = [];
    for (let round = 0; check.route.kind === "task" && round < taskTypes.length; round++) {
      const route = check.route;
      // Round 0 keeps the step ids runs in flight already have.
      const id = (name: string) => (round === 0 ? name : `${name}-round-${String(round)}`);
      const task = openedTaskSchema.parse(
        await step.run(id("open-task"), () => openTaskStep(documentId, route, check.findings, new Date())),
      );
      const openedAt = new Date(task.openedAt);
      const deadlineAt = new Date(task.deadlineAt);
      const ladder = deadlineLadder(route.taskType, openedAt, deadlineAt);
      const checkpoints = decisionCheckpoints(
        openedAt,
        deadlineAt,
        ladder.map((rung) => rung.at),
      );
      let decision: Decision = { outcome: "pending", action: null, by: null };
      let climbed = 0;
      for (const [index, until] of checkpoints.entries()) {
        const suffix = index === 0 ? "" : `-${String(index)}`;
        await waitForDecision(step, id(`wait-for-decision${suffix}`), task.taskId, until);
        const atDeadline = index === checkpoints.length - 1;
        decision = decisionSchema.parse(
          await step.run(id(`read-decision${suffix}`), () => readDecisionStep(task.taskId, atDeadline)),
        );
        if (decision.outcome !== "pending") break;
        // Rungs whose time has come: remind, then escalate, before the safe default at the deadline.
        while (climbed < ladder.length && (ladder[climbed]?.at.getTime() ?? Infinity) <= until.getTime()) {
          const rungIndex = climbed;
          const rung = ladder[rungIndex]?.rung;
          if (rung)
            await step.run(id(`deadline-ladder-${String(rungIndex)}`), () =>
              climbLadderStep(task.taskId, rung, rungIndex),
            );
          climbed++;
        }
      }
      if (decision.outcome !== "approved") {
        await step.run(id("finish-unposted"), () => finishUnpostedStep(documentId, decision));
        return { documentId, status: decision.outcome };
      }
      decided.push(route.taskType);
      const after = [...decided];
      check = checkSummarySchema.parse(
        await step.run(`check-rules-round-${String(round + 1)}`, () => checkDocumentStep(documentId, after)),
      );
    }

    // Runs that posted before the step said how posting ended memoised the bare list of effects; both read alike.
    const result = postOutputSchema.parse(await step.run("post", () => postDocumentStep(documentId)));
    // Opens a QA review for a share of auto-posted documents; nothing waits on it, so the posting stands as is.
    if (result.outcome === "posted") await step.run("sample-for-qa", () => sampleForQaStep(documentId, new Date()));
    return { documentId, status: result.outcome, effects: result.effects };
  },
);
