import { describe, expect, it } from "vitest";
import { evaluate, pickDrop, ruleWindows } from "./evaluate";
import type { AlertRuleKind } from "./kinds";
import type { AlertRule } from "./rule";

const rule = (kind: AlertRuleKind, threshold: number, field: string | null = null): AlertRule => ({
  id: "r1",
  kind,
  field,
  threshold,
  windowMinutes: 60,
  enabled: true,
});

describe("evaluate", () => {
  it("fires a field's empty rate that rose more points than the threshold, and says so in plain English", () => {
    expect(
      evaluate(rule("field_empty_rate_rise", 10, "documentNumber"), {
        kind: "field_empty_rate_rise",
        current: 0.34,
        baseline: 0.12,
      }),
    ).toEqual({
      firing: true,
      value: expect.closeTo(22, 6) as number,
      message: "Empty rate of document number is 34 % (baseline 12 %), above the +10 points threshold",
    });
  });

  it("does not fire a rise equal to the threshold: it has to cross it", () => {
    const verdict = evaluate(rule("field_correction_rate_rise", 10, "totalMinor"), {
      kind: "field_correction_rate_rise",
      current: 0.3,
      baseline: 0.2,
    });
    expect(verdict?.firing).toBe(false);
    expect(verdict?.message).toBe("Correction rate of total is 30 % (baseline 20 %), within the +10 points threshold");
  });

  it("has no verdict for a field rate with no data in the window or its baseline", () => {
    const r = rule("field_empty_rate_rise", 10, "totalMinor");
    expect(evaluate(r, { kind: "field_empty_rate_rise", current: null, baseline: 0.1 })).toBeNull();
    expect(evaluate(r, { kind: "field_empty_rate_rise", current: 0.5, baseline: null })).toBeNull();
  });

  it("fires a straight-through rate below the threshold and not one at it", () => {
    const r = rule("stp_below", 50);
    expect(evaluate(r, { kind: "stp_below", rate: 0.42, decided: 50 })).toEqual({
      firing: true,
      value: 42,
      message: "Straight-through rate is 42 % of 50 decided documents, below the 50 % threshold",
    });
    expect(evaluate(r, { kind: "stp_below", rate: 0.5, decided: 10 })?.firing).toBe(false);
    expect(evaluate(r, { kind: "stp_below", rate: null, decided: 0 })).toBeNull();
  });

  it("judges no rate on fewer cases than its kind needs: one document not posted straight through is no outage", () => {
    const stp = rule("stp_below", 50);
    expect(evaluate(stp, { kind: "stp_below", rate: 0, decided: 1 })).toBeNull();
    expect(evaluate(stp, { kind: "stp_below", rate: 0, decided: 9 })).toBeNull();
    expect(evaluate(stp, { kind: "stp_below", rate: 0, decided: 10 })?.firing).toBe(true);
    const errors = rule("model_error_rate_above", 20);
    const reading = (calls: number, failed: number) =>
      ({ kind: "model_error_rate_above", errorRate: failed / calls, calls, errors: failed }) as const;
    expect(evaluate(errors, reading(3, 3))).toBeNull();
    expect(evaluate(errors, reading(19, 19))).toBeNull();
    expect(evaluate(errors, reading(20, 20))?.firing).toBe(true);
  });

  it("counts failures per hour over the rule's window", () => {
    const verdict = evaluate(rule("failures_per_hour_above", 5), {
      kind: "failures_per_hour_above",
      failures: 3,
      windowMinutes: 30,
    });
    expect(verdict).toEqual({
      firing: true,
      value: 6,
      message: "3 documents failed in the last 30 minutes (6 per hour), above the 5 per hour threshold",
    });
  });

  it("fires a model error rate above the threshold with the calls it counted", () => {
    expect(
      evaluate(rule("model_error_rate_above", 20), {
        kind: "model_error_rate_above",
        errorRate: 0.25,
        calls: 48,
        errors: 12,
      }),
    ).toMatchObject({ firing: true, message: "Model error rate is 25 % (12 of 48 calls), above the 20 % threshold" });
    expect(
      evaluate(rule("model_error_rate_above", 20), {
        kind: "model_error_rate_above",
        errorRate: null,
        calls: 0,
        errors: 0,
      }),
    ).toBeNull();
  });

  it("fires on a backlog older than the threshold and resolves on an empty one", () => {
    const r = rule("backlog_age_above", 48);
    expect(evaluate(r, { kind: "backlog_age_above", oldestHours: 52.25 })).toEqual({
      firing: true,
      value: 52.25,
      message: "The oldest open task has waited 52.3 hours, above the 48 hours threshold",
    });
    expect(evaluate(r, { kind: "backlog_age_above", oldestHours: 0 })).toEqual({
      firing: false,
      value: 0,
      message: "No task is open, within the 48 hours threshold",
    });
  });

  it("fires on an eval accuracy drop of more points than the threshold", () => {
    expect(
      evaluate(rule("eval_accuracy_drop", 5), {
        kind: "eval_accuracy_drop",
        drop: { field: "totalMinor", previous: 95, current: 83, dropPoints: 12 },
      }),
    ).toEqual({
      firing: true,
      value: 12,
      message: "Eval accuracy of total went from 95 % to 83 % (down 12 points), above the 5 points drop threshold",
    });
    expect(evaluate(rule("eval_accuracy_drop", 5), { kind: "eval_accuracy_drop", drop: null })).toBeNull();
  });

  it("refuses a reading of another kind than the rule's", () => {
    expect(() => evaluate(rule("stp_below", 50), { kind: "backlog_age_above", oldestHours: 1 })).toThrow(/cannot/);
  });
});

describe("pickDrop", () => {
  const drops = [
    { field: "totalMinor", previous: 90, current: 85, dropPoints: 5 },
    { field: "vendorName", previous: 90, current: 70, dropPoints: 20 },
  ];

  it("reads the rule's field, or the field that dropped most when it names none", () => {
    expect(pickDrop(drops, "totalMinor")?.dropPoints).toBe(5);
    expect(pickDrop(drops, null)?.field).toBe("vendorName");
    expect(pickDrop(drops, "dueDate")).toBeNull();
    expect(pickDrop([], null)).toBeNull();
  });
});

describe("ruleWindows", () => {
  it("ends the window at the evaluation and puts the baseline just before it, of the same length", () => {
    const at = new Date("2026-11-30T12:00:00Z");
    expect(ruleWindows(at, 60)).toEqual({
      current: { from: new Date("2026-11-30T11:00:00Z"), to: at },
      baseline: { from: new Date("2026-11-30T10:00:00Z"), to: new Date("2026-11-30T11:00:00Z") },
    });
  });
});
