"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { Button } from "@/components/ui/button";
import { describe, Field, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { alertRuleKindSpecs, thresholdUnitLabels } from "@/domain/alerts/kinds";
import type { AlertRule } from "@/domain/alerts/rule";
import type { DialogFormState } from "@/lib/forms";
import { saveAlertRuleAction } from "../actions";
import { FieldOptions, NumberField, type FieldChoice } from "./rule-fields";

/**
 * One rule's settings, saved on their own: an admin changes a threshold without touching the other rules. A refused
 * value keeps what was typed and says beside the field what to write instead.
 */
export function RuleForm({
  rule,
  version,
  title,
  fields,
}: {
  rule: AlertRule;
  /** When the rule was last saved: a saved rule comes back with new values, and the form starts again from them. */
  version: string;
  title: string;
  fields: readonly FieldChoice[];
}) {
  const [state, formAction, pending] = useActionState<DialogFormState, FormData>(saveAlertRuleAction, { ok: null });
  const notify = useToast();
  const handled = useRef<DialogFormState | null>(null);
  useEffect(() => {
    if (state.ok === true && handled.current !== state) {
      handled.current = state;
      notify({ title: `${title}: saved`, tone: "success" });
    }
  }, [state, notify, title]);

  const spec = alertRuleKindSpecs[rule.kind];
  const errors = state.ok === false ? state.fieldErrors : undefined;
  const submitted = state.ok === false ? state.submitted : undefined;
  const id = (name: string) => `rule-${rule.id}-${name}`;
  return (
    <form
      action={formAction}
      noValidate
      aria-label={title}
      key={`${version}-${JSON.stringify(submitted ?? "saved")}`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-semibold text-slate-900">{title}</h3>
          <p className="text-sm text-slate-600">{spec.description}</p>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="enabled"
            defaultChecked={submitted ? submitted.enabled === "on" : rule.enabled}
            className="size-4 rounded border-slate-300"
          />
          Enabled
        </label>
      </div>
      <FormAlert state={state} />
      <input type="hidden" name="id" value={rule.id} />
      <div className="grid gap-3 sm:grid-cols-3">
        {spec.field === "none" ? null : (
          <Field id={id("field")} label="Field" errors={errors?.field}>
            <Select
              {...describe(id("field"), errors?.field)}
              name="field"
              defaultValue={submitted?.field ?? rule.field ?? ""}
            >
              {spec.field === "optional" ? <option value="">Any field (the largest drop)</option> : null}
              <FieldOptions fields={fields} />
            </Select>
          </Field>
        )}
        <NumberField
          id={id("threshold")}
          name="threshold"
          label={`Threshold (${thresholdUnitLabels[spec.unit]})`}
          errors={errors?.threshold}
          defaultValue={submitted?.threshold ?? String(rule.threshold)}
          decimal
        />
        {spec.usesWindow ? (
          <NumberField
            id={id("windowMinutes")}
            name="windowMinutes"
            label="Window (minutes)"
            errors={errors?.windowMinutes}
            hint={spec.unit === "points" ? "Compared with the window just before it." : undefined}
            defaultValue={submitted?.windowMinutes ?? String(rule.windowMinutes)}
          />
        ) : null}
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save rule"}
        </Button>
      </div>
    </form>
  );
}
