import { describe, expect, it } from "vitest";
import { fieldDrops, runFieldDrops } from "./field-drops";

describe("fieldDrops", () => {
  it("reports each field's fall in percent points, largest first", () => {
    const drops = fieldDrops(
      { totalMinor: { correct: 4, total: 4 }, issueDate: { correct: 3, total: 4 } },
      { totalMinor: { correct: 2, total: 4 }, issueDate: { correct: 3, total: 4 } },
    );
    expect(drops).toEqual([
      { field: "totalMinor", previous: 100, current: 50, dropPoints: 50 },
      { field: "issueDate", previous: 75, current: 75, dropPoints: 0 },
    ]);
  });

  it("gives a rise as a negative drop", () => {
    expect(fieldDrops({ currency: { correct: 1, total: 3 } }, { currency: { correct: 3, total: 3 } })).toEqual([
      { field: "currency", previous: 33.33, current: 100, dropPoints: -66.67 },
    ]);
  });

  it("leaves out a field with no checks in either run", () => {
    const drops = fieldDrops(
      { vendorName: { correct: 0, total: 0 }, poNumber: { correct: 1, total: 1 } },
      { vendorName: { correct: 0, total: 2 }, poNumber: { correct: 0, total: 0 }, dueDate: { correct: 1, total: 1 } },
    );
    expect(drops).toEqual([]);
  });
});

describe("runFieldDrops", () => {
  it("compares two runs on the cases both scored, so a newly promoted case the chain misreads is no drop", () => {
    const previous = {
      fieldScores: { totalMinor: { correct: 2, total: 2 } },
      caseChecks: { "promoted-a": { totalMinor: true }, "promoted-b": { totalMinor: true } },
    };
    const current = {
      fieldScores: { totalMinor: { correct: 2, total: 3 } },
      caseChecks: {
        "promoted-a": { totalMinor: true },
        "promoted-b": { totalMinor: true },
        "promoted-c": { totalMinor: false },
      },
    };
    expect(runFieldDrops(previous, current)).toEqual([
      { field: "totalMinor", previous: 100, current: 100, dropPoints: 0 },
    ]);
  });

  it("reports a case the chain now reads wrong", () => {
    const previous = {
      fieldScores: {},
      caseChecks: { "promoted-a": { dueDate: true }, "promoted-b": { dueDate: true } },
    };
    const current = {
      fieldScores: {},
      caseChecks: { "promoted-a": { dueDate: false }, "promoted-b": { dueDate: true } },
    };
    expect(runFieldDrops(previous, current)).toEqual([
      { field: "dueDate", previous: 100, current: 50, dropPoints: 50 },
    ]);
  });

  it("falls back on the totals when a run kept no per-case checks", () => {
    const previous = { fieldScores: { currency: { correct: 4, total: 4 } }, caseChecks: {} };
    const current = {
      fieldScores: { currency: { correct: 3, total: 4 } },
      caseChecks: { "promoted-a": { currency: false } },
    };
    expect(runFieldDrops(previous, current)).toEqual([
      { field: "currency", previous: 100, current: 75, dropPoints: 25 },
    ]);
  });
});
