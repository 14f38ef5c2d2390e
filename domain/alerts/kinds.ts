/**
 * The kinds of alert rule Keel evaluates, and how each reads: what it measures, in which unit its threshold is, and
 * whether it needs a field or a window. Stored on `alert_rules.kind`; a kind is never renamed once rules carry it.
 */
export const alertRuleKinds = [
  "field_empty_rate_rise",
  "field_correction_rate_rise",
  "stp_below",
  "failures_per_hour_above",
  "model_error_rate_above",
  "backlog_age_above",
  "eval_accuracy_drop",
] as const;

export type AlertRuleKind = (typeof alertRuleKinds)[number];

/** What a threshold counts: percentage points of a rise, a percentage, failures per hour, or hours. */
export type ThresholdUnit = "points" | "percent" | "per_hour" | "hours";

export type AlertRuleKindSpec = {
  label: string;
  /** A sentence for the settings page: when the rule fires. */
  description: string;
  unit: ThresholdUnit;
  /** "required": the rule is about one field; "optional": any field when none is set; "none": no field. */
  field: "required" | "optional" | "none";
  /** Whether the rule measures over a window of time (and, for rises, the window just before as its baseline). */
  usesWindow: boolean;
};

/**
 * The fewest decided documents a straight-through rate is judged on, and the fewest model calls an error rate: over
 * fewer, a rate is no data (one document not posted straight through is 0 %, and would email every admin at night).
 */
export const MIN_DECIDED_DOCUMENTS = 10;
export const MIN_MODEL_CALLS = 20;

export const alertRuleKindSpecs: Record<AlertRuleKind, AlertRuleKindSpec> = {
  field_empty_rate_rise: {
    label: "Empty fields rising",
    description: "A field's empty rate rises more than the threshold above the window just before.",
    unit: "points",
    field: "required",
    usesWindow: true,
  },
  field_correction_rate_rise: {
    label: "Corrections rising",
    description:
      "The share of documents where people corrected a field rises more than the threshold above the window just before.",
    unit: "points",
    field: "required",
    usesWindow: true,
  },
  stp_below: {
    label: "Straight-through rate low",
    description: `The share of decided documents posted with no human touch falls below the threshold; judged once at least ${String(MIN_DECIDED_DOCUMENTS)} documents were decided in the window.`,
    unit: "percent",
    field: "none",
    usesWindow: true,
  },
  failures_per_hour_above: {
    label: "Failures",
    description: "Documents that failed for good, per hour over the window, rise above the threshold.",
    unit: "per_hour",
    field: "none",
    usesWindow: true,
  },
  model_error_rate_above: {
    label: "Model errors",
    description: `The share of model calls that failed rises above the threshold; judged once at least ${String(MIN_MODEL_CALLS)} calls were made in the window.`,
    unit: "percent",
    field: "none",
    usesWindow: true,
  },
  backlog_age_above: {
    label: "Backlog age",
    description: "The oldest open task has waited longer than the threshold.",
    unit: "hours",
    field: "none",
    usesWindow: false,
  },
  eval_accuracy_drop: {
    label: "Eval accuracy drop",
    description:
      "A field's accuracy on the frozen eval cases drops more than the threshold between the two latest eval runs.",
    unit: "points",
    field: "optional",
    usesWindow: false,
  },
};

/** How a threshold reads beside its input. */
export const thresholdUnitLabels: Record<ThresholdUnit, string> = {
  points: "points",
  percent: "%",
  per_hour: "per hour",
  hours: "hours",
};

export const isAlertRuleKind = (value: string): value is AlertRuleKind =>
  (alertRuleKinds as readonly string[]).includes(value);
