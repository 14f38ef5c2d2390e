import { fieldLabel, isExtractionFieldName } from "../documents/fields";
import { MIN_DECIDED_DOCUMENTS, MIN_MODEL_CALLS, type AlertRuleKind } from "./kinds";
import type { AlertRule } from "./rule";

/**
 * What a rule's metric read, in the rule's own terms. Rates are shares 0..1 as the monitor's metrics give them;
 * `null` anywhere a value is needed means no data, and a rule with no data neither fires nor resolves.
 */
export type AlertReading =
  | { kind: "field_empty_rate_rise" | "field_correction_rate_rise"; current: number | null; baseline: number | null }
  | { kind: "stp_below"; rate: number | null; decided: number }
  | { kind: "failures_per_hour_above"; failures: number; windowMinutes: number }
  | { kind: "model_error_rate_above"; errorRate: number | null; calls: number; errors: number }
  | { kind: "backlog_age_above"; oldestHours: number }
  | {
      kind: "eval_accuracy_drop";
      drop: { field: string; previous: number; current: number; dropPoints: number } | null;
    };

/** The verdict: whether the rule fires, the number compared with the threshold, and a sentence saying so. */
export type AlertVerdict = { firing: boolean; value: number; message: string };

const rounded = (value: number) => String(Math.round(value * 10) / 10);
const percent = (share: number) => `${rounded(share * 100)} %`;
const points = (value: number) => `${rounded(value)} point${Math.abs(Math.round(value * 10) / 10) === 1 ? "" : "s"}`;
const label = (field: string | null) =>
  field && isExtractionFieldName(field) ? fieldLabel(field, null) : (field ?? "a field");

function compare(value: number, threshold: number, direction: "above" | "below") {
  const firing = direction === "above" ? value > threshold : value < threshold;
  const relation = firing ? direction : direction === "above" ? "within" : "at or above";
  return { firing, relation };
}

function rise(rule: AlertRule, reading: { current: number; baseline: number }, what: string): AlertVerdict {
  const value = (reading.current - reading.baseline) * 100;
  const { firing, relation } = compare(value, rule.threshold, "above");
  return {
    firing,
    value,
    message: `${what} of ${label(rule.field)} is ${percent(reading.current)} (baseline ${percent(reading.baseline)}), ${relation} the +${points(rule.threshold)} threshold`,
  };
}

/**
 * Whether a rule fires on what its metric read, in plain English: "Empty rate of total is 34 % (baseline 12 %),
 * above the +10 points threshold". A threshold is crossed strictly: a value equal to it does not fire, so an alert
 * resolves once its value is back at or under it. `null` is no data: neither firing nor resolved; so is a rate over
 * fewer cases than its kind needs (MIN_DECIDED_DOCUMENTS, MIN_MODEL_CALLS).
 */
export function evaluate(rule: AlertRule, reading: AlertReading): AlertVerdict | null {
  if (reading.kind !== rule.kind) throw new Error(`A ${reading.kind} reading cannot evaluate a ${rule.kind} rule.`);
  switch (reading.kind) {
    case "field_empty_rate_rise":
    case "field_correction_rate_rise": {
      const { current, baseline } = reading;
      if (current === null || baseline === null) return null;
      return rise(
        rule,
        { current, baseline },
        reading.kind === "field_empty_rate_rise" ? "Empty rate" : "Correction rate",
      );
    }
    case "stp_below": {
      if (reading.rate === null || reading.decided < MIN_DECIDED_DOCUMENTS) return null;
      const value = reading.rate * 100;
      const { firing, relation } = compare(value, rule.threshold, "below");
      return {
        firing,
        value,
        message: `Straight-through rate is ${percent(reading.rate)} of ${String(reading.decided)} decided documents, ${relation} the ${rounded(rule.threshold)} % threshold`,
      };
    }
    case "failures_per_hour_above": {
      const value = reading.failures / (reading.windowMinutes / 60);
      const { firing, relation } = compare(value, rule.threshold, "above");
      return {
        firing,
        value,
        message: `${String(reading.failures)} document${reading.failures === 1 ? "" : "s"} failed in the last ${String(reading.windowMinutes)} minutes (${rounded(value)} per hour), ${relation} the ${rounded(rule.threshold)} per hour threshold`,
      };
    }
    case "model_error_rate_above": {
      if (reading.errorRate === null || reading.calls < MIN_MODEL_CALLS) return null;
      const value = reading.errorRate * 100;
      const { firing, relation } = compare(value, rule.threshold, "above");
      return {
        firing,
        value,
        message: `Model error rate is ${percent(reading.errorRate)} (${String(reading.errors)} of ${String(reading.calls)} calls), ${relation} the ${rounded(rule.threshold)} % threshold`,
      };
    }
    case "backlog_age_above": {
      const value = reading.oldestHours;
      const { firing, relation } = compare(value, rule.threshold, "above");
      return {
        firing,
        value,
        message:
          value === 0
            ? `No task is open, within the ${rounded(rule.threshold)} hours threshold`
            : `The oldest open task has waited ${rounded(value)} hours, ${relation} the ${rounded(rule.threshold)} hours threshold`,
      };
    }
    case "eval_accuracy_drop": {
      if (reading.drop === null) return null;
      const { field, previous, current, dropPoints } = reading.drop;
      const { firing, relation } = compare(dropPoints, rule.threshold, "above");
      return {
        firing,
        value: dropPoints,
        message: `Eval accuracy of ${label(field)} went from ${rounded(previous)} % to ${rounded(current)} % (${dropPoints >= 0 ? "down" : "up"} ${points(Math.abs(dropPoints))}), ${relation} the ${points(rule.threshold)} drop threshold`,
      };
    }
  }
}

/** The kinds whose reading is a rise over a baseline window, read over the window just before. */
export const baselineKinds: readonly AlertRuleKind[] = ["field_empty_rate_rise", "field_correction_rate_rise"];

type FieldDrop = { field: string; previous: number; current: number; dropPoints: number };

/** The drop a rule reads: its field's, or when it names none, the field that dropped most. */
export function pickDrop(drops: readonly FieldDrop[], field: string | null): FieldDrop | null {
  if (field !== null) return drops.find((d) => d.field === field) ?? null;
  return drops.reduce<FieldDrop | null>(
    (worst, d) => (worst === null || d.dropPoints > worst.dropPoints ? d : worst),
    null,
  );
}

export type MetricWindow = { from: Date; to: Date };

/** The window a rule measures, ending now, and its baseline: the window of the same length just before. */
export function ruleWindows(at: Date, windowMinutes: number): { current: MetricWindow; baseline: MetricWindow } {
  const length = windowMinutes * 60_000;
  const from = new Date(at.getTime() - length);
  return { current: { from, to: at }, baseline: { from: new Date(from.getTime() - length), to: from } };
}
