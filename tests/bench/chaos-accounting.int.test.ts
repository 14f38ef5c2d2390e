import { describe, expect, it } from "vitest";
import {
  countDocuments,
  effectExecutions,
  redoneSteps,
  stepExecutions,
  type DocumentState,
} from "@/bench/chaos/accounting";

const state = (status: string, openTask = false): DocumentState => ({ status, openTask });

describe("the chaos run's accounting", () => {
  it("puts every submitted document in exactly one figure, missing and unfinished ones in lost or stuck", () => {
    const states = new Map([
      ["a", state("posted")],
      ["b", state("received")],
      ["c", state("extracting")],
      ["d", state("needs_review", true)],
      ["e", state("needs_review", false)],
      ["f", state("approved")],
      ["g", state("failed")],
      ["h", state("rejected")],
    ]);
    const figures = countDocuments(["a", "b", "c", "d", "e", "f", "g", "h", "gone"], states);
    expect(figures).toEqual({
      submitted: 9,
      posted: 1,
      waiting: 1,
      rejected: 1,
      failed: 1,
      lost: ["b (received)", "c (extracting)", "gone (no row)"],
      stuck: ["e (needs_review, no open task)", "f (approved, no open task)"],
    });
  });

  it("counts a step as executed only in an answer that carries its result", () => {
    const at = (ms: number) => new Date(ms);
    const executions = stepExecutions([
      { runId: "r1", startedAt: at(1_000), ops: ["StepRun:extract", "StepPlanned:route"] },
      { runId: "r1", startedAt: at(2_000), ops: ["StepError:post"] },
      { runId: "r1", startedAt: at(3_000), ops: ["StepRun:post"] },
      { runId: "r2", startedAt: at(4_000), ops: ["StepRun:extract"] },
      { runId: "r2", startedAt: at(5_000), ops: null },
    ]);
    expect(Object.fromEntries(executions)).toEqual({
      "r1:extract": [1_000],
      "r1:post": [3_000],
      "r2:extract": [4_000],
    });
  });

  it("flags a finished step executed again unless its first execution was in flight at an outage", () => {
    const executions = effectExecutions([
      { idempotencyKey: "payable:1", at: new Date(10_000) },
      { idempotencyKey: "payable:1", at: new Date(12_000) },
      { idempotencyKey: "payable:2", at: new Date(1_000) },
      { idempotencyKey: "payable:2", at: new Date(60_000) },
    ]);
    const outage = { down: 11_000, up: 11_500 };
    expect(redoneSteps(executions, [outage])).toEqual([
      "payable:2 re-ran at 60000; its previous execution at 1000 was in flight at no outage",
    ]);
    expect(redoneSteps(executions, [])).toHaveLength(2);
  });
});
