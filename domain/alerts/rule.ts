import { z } from "zod";
import { extractionFieldNames, isExtractionFieldName, type ExtractionFieldName } from "../documents/fields";
import { alertRuleKindSpecs, isAlertRuleKind, type AlertRuleKind } from "./kinds";

/** A rule as the evaluation reads it. */
export type AlertRule = {
  id: string;
  kind: AlertRuleKind;
  field: string | null;
  threshold: number;
  windowMinutes: number;
  enabled: boolean;
};

/** A window of five minutes is one cron tick; a week is the longest period the monitor compares against. */
export const minWindowMinutes = 5;
export const maxWindowMinutes = 7 * 24 * 60;
export const defaultWindowMinutes = 60;

/** The fields a field rule may watch: every extraction field, from the one list of them. */
export const alertFieldNames: readonly ExtractionFieldName[] = extractionFieldNames;

/** A rule's settings as an admin submits them; every value arrives as the form's text. */
export const alertRuleChangeSchema = z.object({
  enabled: z.boolean(),
  threshold: z.string(),
  field: z.string(),
  windowMinutes: z.string(),
});

export type AlertRuleChangeInput = z.infer<typeof alertRuleChangeSchema>;
export type AlertRuleChange = Pick<AlertRule, "enabled" | "threshold" | "field" | "windowMinutes">;
export type AlertRuleErrors = Partial<Record<"threshold" | "field" | "windowMinutes", string>>;

const number = z
  .string()
  .trim()
  .min(1, "Enter a threshold, such as 10.")
  .transform((text) => Number(text.replace(",", ".")))
  .pipe(z.number({ error: "Enter the threshold as a number, such as 10 or 2.5." }));

function thresholdSchema(kind: AlertRuleKind) {
  switch (alertRuleKindSpecs[kind].unit) {
    case "percent":
      return number.pipe(
        z.number().min(0, "A percentage is between 0 and 100.").max(100, "A percentage is between 0 and 100."),
      );
    case "points":
      return number.pipe(
        z
          .number()
          .min(0, "Enter the rise in percentage points, 0 or more.")
          .max(100, "A rise in percentage points is at most 100."),
      );
    case "per_hour":
      return number.pipe(z.number().min(0, "Enter a number of failures per hour, 0 or more."));
    case "hours":
      return number.pipe(z.number().min(0, "Enter a number of hours, 0 or more."));
  }
}

const windowSchema = z
  .string()
  .trim()
  .regex(/^\d+$/, "Enter the window in whole minutes, such as 60.")
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(minWindowMinutes, `A window is at least ${String(minWindowMinutes)} minutes, one evaluation apart.`)
      .max(maxWindowMinutes, `A window is at most ${String(maxWindowMinutes)} minutes (a week).`),
  );

/**
 * Checks a rule's new settings against its kind, field by field; the messages say what to write instead. A kind
 * without a field or window keeps none, whatever was posted.
 */
export function checkAlertRuleChange(
  kind: AlertRuleKind,
  input: AlertRuleChangeInput,
  current: Pick<AlertRule, "windowMinutes">,
): { ok: true; change: AlertRuleChange } | { ok: false; errors: AlertRuleErrors } {
  const spec = alertRuleKindSpecs[kind];
  const errors: AlertRuleErrors = {};
  const threshold = thresholdSchema(kind).safeParse(input.threshold);
  if (!threshold.success) errors.threshold = threshold.error.issues[0]?.message ?? "Enter a valid threshold.";

  const fieldText = input.field.trim();
  let field: string | null = null;
  if (spec.field !== "none" && fieldText !== "") {
    if (isExtractionFieldName(fieldText)) field = fieldText;
    else errors.field = `"${fieldText}" is not an extraction field; choose one from the list.`;
  } else if (spec.field === "required") errors.field = "Choose the field this rule watches.";

  let windowMinutes = current.windowMinutes;
  if (spec.usesWindow) {
    const window = windowSchema.safeParse(input.windowMinutes);
    if (window.success) windowMinutes = window.data;
    else errors.windowMinutes = window.error.issues[0]?.message ?? "Enter the window in whole minutes.";
  }

  if (!threshold.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, change: { enabled: input.enabled, threshold: threshold.data, field, windowMinutes } };
}

export type NewAlertRule = Pick<AlertRule, "kind" | "threshold" | "field" | "windowMinutes" | "enabled">;

/** A rule an admin adds: its kind, then the same checks as a change to a rule of that kind. It starts enabled. */
export function checkNewAlertRule(
  input: Omit<AlertRuleChangeInput, "enabled"> & { kind: string },
): { ok: true; rule: NewAlertRule } | { ok: false; errors: AlertRuleErrors & { kind?: string } } {
  if (!isAlertRuleKind(input.kind))
    return { ok: false, errors: { kind: "Choose what the rule watches from the list." } };
  const checked = checkAlertRuleChange(
    input.kind,
    { ...input, enabled: true },
    { windowMinutes: defaultWindowMinutes },
  );
  return checked.ok ? { ok: true, rule: { kind: input.kind, ...checked.change } } : checked;
}
