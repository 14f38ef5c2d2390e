import { beforeAll, describe, expect, it } from "vitest";
import { insertEvalRun, listLatestEvalRuns } from "@/db/queries/eval-runs";
import { decide } from "@/services/tasks/decide";
import { latestFieldDrops, recordEvalRun, scoreCorrectedSample, scoreEvalCases } from "@/services/evals/drift";
import { promoteToEvalCase } from "@/services/evals/promote";
import { withKeelDatabase } from "../setup/keel-database";
import { acmeCorrections, misreadInvoiceTask, promotedCorrection } from "./helpers";
import { makeUser } from "../factories/users";

withKeelDatabase();

let documentId: string;

beforeAll(async () => {
  ({ documentId } = await promotedCorrection({ decide, promoteToEvalCase }));
});

describe("re-scoring the current chain", () => {
  it("scores the offline chain on every eval case, per field, against the corrected values", async () => {
    const scores = await scoreEvalCases();
    expect(scores).toMatchObject({ chain: "deterministic", promptVersion: null, count: 1 });
    expect(scores.fieldScores).toMatchObject({
      totalMinor: { correct: 1, total: 1 },
      documentNumber: { correct: 1, total: 1 },
      vendorName: { correct: 1, total: 1 },
    });
  });

  it("scores the recently corrected documents against what people corrected them to", async () => {
    const sample = await scoreCorrectedSample();
    expect(sample.count).toBe(1);
    expect(sample.fieldScores.totalMinor).toEqual({ correct: 1, total: 1 });
    expect(sample.fieldScores.documentNumber).toEqual({ correct: 1, total: 1 });
  });

  it("takes a QA review's reported errors as the values to meet, which it records on the task alone", async () => {
    const qa = await misreadInvoiceTask({ type: "QA_REVIEW" });
    const reviewer = await makeUser({ role: "approver" });
    const reported = await decide(reviewer, qa.task.id, {
      action: "report_errors",
      extractionId: qa.extractionId,
      edits: acmeCorrections,
    });
    expect(reported).toMatchObject({ ok: true });
    const sample = await scoreCorrectedSample();
    expect(sample.count).toBe(2);
    expect(sample.fieldScores.totalMinor).toEqual({ correct: 2, total: 2 });
    expect(sample.fieldScores.documentNumber).toEqual({ correct: 2, total: 2 });
  });

  it("records a run with both sets of scores", async () => {
    const run = await recordEvalRun("manual", await scoreEvalCases(), await scoreCorrectedSample());
    const [stored] = await listLatestEvalRuns(1);
    expect(stored).toMatchObject({ id: run.id, trigger: "manual", cases: 1, documentsSampled: 2 });
    expect(stored?.sampleFieldScores.totalMinor).toEqual({ correct: 2, total: 2 });
    expect(stored?.caseChecks).toEqual({
      [`promoted-${documentId}`]: expect.objectContaining({ totalMinor: true, documentNumber: true }) as unknown,
    });
  });
});

describe("latestFieldDrops", () => {
  it("reports a field whose accuracy fell between the two latest runs, in points", async () => {
    const base = {
      trigger: "manual" as const,
      chain: "deterministic",
      cases: 4,
      documentsSampled: 0,
      sampleFieldScores: {},
    };
    await insertEvalRun({
      ...base,
      at: new Date("2099-01-01T03:30:00Z"),
      fieldScores: { totalMinor: { correct: 4, total: 4 }, dueDate: { correct: 2, total: 4 } },
    });
    await insertEvalRun({
      ...base,
      at: new Date("2099-01-02T03:30:00Z"),
      fieldScores: { totalMinor: { correct: 3, total: 4 }, dueDate: { correct: 2, total: 4 } },
    });
    expect(await latestFieldDrops()).toEqual([
      { field: "totalMinor", previous: 100, current: 75, dropPoints: 25 },
      { field: "dueDate", previous: 50, current: 50, dropPoints: 0 },
    ]);
  });
});
