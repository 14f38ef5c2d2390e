import { describe, expect, it } from "vitest";
import type { EvalRun } from "@/db/schema";
import { evalAccuracy } from "./accuracy";

const run = (at: string, fieldScores: EvalRun["fieldScores"], sampleFieldScores: EvalRun["sampleFieldScores"] = {}) =>
  ({
    id: at,
    at: new Date(at),
    trigger: "drift",
    chain: "deterministic",
    promptVersion: null,
    cases: 3,
    documentsSampled: 2,
    fieldScores,
    sampleFieldScores,
    caseChecks: {},
  }) satisfies EvalRun;

describe("evalAccuracy", () => {
  it("gives each run's accuracy per field in percent, oldest first, with the counts", () => {
    const view = evalAccuracy([
      run("2026-11-28T03:30:00Z", { totalMinor: { correct: 3, total: 3 } }),
      run("2026-11-29T03:30:00Z", { totalMinor: { correct: 2, total: 3 } }),
    ]);
    expect(view.points.map((p) => [p.at, p.fields.totalMinor])).toEqual([
      ["2026-11-28T03:30:00.000Z", { percent: 100, correct: 3, total: 3 }],
      ["2026-11-29T03:30:00.000Z", { percent: 66.7, correct: 2, total: 3 }],
    ]);
  });

  it("names the scored fields in reading order with their labels, and leaves out a field with no checks", () => {
    const view = evalAccuracy([
      run("2026-11-29T03:30:00Z", {
        totalMinor: { correct: 1, total: 1 },
        documentClass: { correct: 1, total: 1 },
        dueDate: { correct: 0, total: 0 },
      }),
    ]);
    expect(view.fields).toEqual([
      { field: "documentClass", label: "document type" },
      { field: "totalMinor", label: "total" },
    ]);
    expect(view.points[0]?.fields).not.toHaveProperty("dueDate");
  });

  it("keeps the latest run's corrected sample apart from the cases", () => {
    const view = evalAccuracy([
      run("2026-11-28T03:30:00Z", {}, { vendorName: { correct: 0, total: 1 } }),
      run("2026-11-29T03:30:00Z", {}, { vendorName: { correct: 1, total: 4 } }),
    ]);
    expect(view.latestSample).toEqual({ vendorName: { percent: 25, correct: 1, total: 4 } });
    expect(view.fields).toEqual([]);
  });

  it("has nothing to show without runs", () => {
    expect(evalAccuracy([])).toEqual({ points: [], fields: [], latestSample: {} });
  });
});
