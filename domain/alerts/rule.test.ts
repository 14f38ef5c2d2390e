import { describe, expect, it } from "vitest";
import { checkAlertRuleChange, checkNewAlertRule } from "./rule";

const input = (change: Partial<{ enabled: boolean; threshold: string; field: string; windowMinutes: string }>) => ({
  enabled: true,
  threshold: "10",
  field: "",
  windowMinutes: "60",
  ...change,
});
const current = { windowMinutes: 60 };

describe("checkAlertRuleChange", () => {
  it("takes a field rule's threshold, field and window", () => {
    expect(
      checkAlertRuleChange(
        "field_empty_rate_rise",
        input({ threshold: " 12.5 ", field: "totalMinor", windowMinutes: "120" }),
        current,
      ),
    ).toEqual({ ok: true, change: { enabled: true, threshold: 12.5, field: "totalMinor", windowMinutes: 120 } });
  });

  it("refuses a threshold that is not a number, beside the threshold", () => {
    expect(checkAlertRuleChange("stp_below", input({ threshold: "ten" }), current)).toEqual({
      ok: false,
      errors: { threshold: "Enter the threshold as a number, such as 10 or 2.5." },
    });
    expect(checkAlertRuleChange("stp_below", input({ threshold: "" }), current)).toEqual({
      ok: false,
      errors: { threshold: "Enter a threshold, such as 10." },
    });
  });

  it("refuses a percentage outside 0 to 100", () => {
    for (const threshold of ["101", "-1"])
      expect(checkAlertRuleChange("model_error_rate_above", input({ threshold }), current)).toEqual({
        ok: false,
        errors: { threshold: "A percentage is between 0 and 100." },
      });
  });

  it("refuses negative hours, failures and points", () => {
    expect(checkAlertRuleChange("backlog_age_above", input({ threshold: "-2" }), current)).toEqual({
      ok: false,
      errors: { threshold: "Enter a number of hours, 0 or more." },
    });
    expect(checkAlertRuleChange("failures_per_hour_above", input({ threshold: "-0.5" }), current)).toEqual({
      ok: false,
      errors: { threshold: "Enter a number of failures per hour, 0 or more." },
    });
    expect(
      checkAlertRuleChange("field_correction_rate_rise", input({ threshold: "-1", field: "totalMinor" }), current),
    ).toEqual({ ok: false, errors: { threshold: "Enter the rise in percentage points, 0 or more." } });
  });

  it("needs a field from the extraction fields for a field rule", () => {
    expect(checkAlertRuleChange("field_empty_rate_rise", input({ field: "" }), current)).toEqual({
      ok: false,
      errors: { field: "Choose the field this rule watches." },
    });
    expect(checkAlertRuleChange("field_empty_rate_rise", input({ field: "shoeSize" }), current)).toEqual({
      ok: false,
      errors: { field: '"shoeSize" is not an extraction field; choose one from the list.' },
    });
  });

  it("lets an eval drop rule watch every field, and keeps no field on a rule that has none", () => {
    expect(checkAlertRuleChange("eval_accuracy_drop", input({ field: "" }), current)).toMatchObject({
      ok: true,
      change: { field: null },
    });
    expect(checkAlertRuleChange("stp_below", input({ field: "totalMinor" }), current)).toMatchObject({
      ok: true,
      change: { field: null },
    });
  });

  it("refuses a window that is not whole minutes between 5 and a week, and keeps the window of a rule without one", () => {
    expect(checkAlertRuleChange("stp_below", input({ windowMinutes: "1.5" }), current)).toEqual({
      ok: false,
      errors: { windowMinutes: "Enter the window in whole minutes, such as 60." },
    });
    expect(checkAlertRuleChange("stp_below", input({ windowMinutes: "2" }), current)).toEqual({
      ok: false,
      errors: { windowMinutes: "A window is at least 5 minutes, one evaluation apart." },
    });
    expect(checkAlertRuleChange("stp_below", input({ windowMinutes: "20000" }), current)).toEqual({
      ok: false,
      errors: { windowMinutes: "A window is at most 10080 minutes (a week)." },
    });
    expect(checkAlertRuleChange("backlog_age_above", input({ windowMinutes: "nonsense" }), current)).toMatchObject({
      ok: true,
      change: { windowMinutes: 60 },
    });
  });

  it("reports every bad field at once", () => {
    expect(
      checkAlertRuleChange("field_empty_rate_rise", input({ threshold: "x", field: "", windowMinutes: "0" }), current),
    ).toEqual({
      ok: false,
      errors: {
        threshold: "Enter the threshold as a number, such as 10 or 2.5.",
        field: "Choose the field this rule watches.",
        windowMinutes: "A window is at least 5 minutes, one evaluation apart.",
      },
    });
  });
});

describe("checkNewAlertRule", () => {
  it("takes a known kind with the checks of its kind, enabled", () => {
    expect(
      checkNewAlertRule({ kind: "field_empty_rate_rise", threshold: "15", field: "dueDate", windowMinutes: "30" }),
    ).toEqual({
      ok: true,
      rule: { kind: "field_empty_rate_rise", enabled: true, threshold: 15, field: "dueDate", windowMinutes: 30 },
    });
    expect(checkNewAlertRule({ kind: "backlog_age_above", threshold: "24", field: "", windowMinutes: "" })).toEqual({
      ok: true,
      rule: { kind: "backlog_age_above", enabled: true, threshold: 24, field: null, windowMinutes: 60 },
    });
  });

  it("refuses an unknown kind, and a bad threshold for a known one, beside the field", () => {
    expect(checkNewAlertRule({ kind: "weather", threshold: "1", field: "", windowMinutes: "60" })).toEqual({
      ok: false,
      errors: { kind: "Choose what the rule watches from the list." },
    });
    expect(checkNewAlertRule({ kind: "stp_below", threshold: "lots", field: "", windowMinutes: "60" })).toEqual({
      ok: false,
      errors: { threshold: "Enter the threshold as a number, such as 10 or 2.5." },
    });
  });
});
