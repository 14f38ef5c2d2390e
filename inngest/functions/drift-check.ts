import { inngest } from "@/services/events/client";
import { recordEvalRun, scoreCorrectedSample, scoreEvalCases } from "@/services/evals/drift";

/**
 * Once a day, the current extraction chain re-reads the frozen eval cases and the documents people corrected
 * lately; the run's per-field scores are what the monitor plots and the eval_accuracy_drop alert compares.
 */
export const driftCheck = inngest.createFunction(
  { id: "drift-check", name: "Re-score the extraction chain on eval cases", triggers: [{ cron: "30 3 * * *" }] },
  async ({ step }) => {
    const cases = await step.run("score-eval-cases", () => scoreEvalCases());
    const sample = await step.run("score-corrected-sample", () => scoreCorrectedSample());
    return step.run("record-eval-run", () => recordEvalRun("drift", cases, sample));
  },
);
