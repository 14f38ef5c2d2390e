"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import type { OperatingSettingsForm } from "@/domain/operations/settings";
import type { DialogFormState } from "@/lib/forms";
import { saveOperatingSettingsAction } from "../actions";

const fields: { id: keyof OperatingSettingsForm; label: string; hint: string; inputMode: "decimal" | "text" }[] = [
  {
    id: "hourlyRate",
    label: "Hourly rate of handling time",
    hint: "What an hour of a person working tasks costs, such as 45.00. The monitor prices measured handling time with it.",
    inputMode: "decimal",
  },
  { id: "currency", label: "Currency", hint: "A three-letter ISO code, such as EUR.", inputMode: "text" },
  {
    id: "qaSamplePercent",
    label: "QA sample share (%)",
    hint: "The share of documents posted without a person that also get a QA review, from 0 to 100; decimals allowed.",
    inputMode: "decimal",
  },
];

/** The operating settings as a form: errors beside their fields, nothing saved until every value is right. */
export function OperationsForm({ values }: { values: OperatingSettingsForm }) {
  const [state, formAction, pending] = useActionState<DialogFormState, FormData>(saveOperatingSettingsAction, {
    ok: null,
  });
  const errors = state.ok === false ? state.fieldErrors : undefined;
  const shown = { ...values, ...(state.ok === false ? state.submitted : undefined) };
  return (
    <form
      action={formAction}
      noValidate
      aria-label="Operating settings"
      className="grid max-w-2xl gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
      key={JSON.stringify(state.ok === false ? state.submitted : values)}
    >
      <div className="sm:col-span-2">
        <FormAlert state={state} />
        {state.ok === true ? (
          <p
            role="status"
            className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          >
            Operating settings saved.
          </p>
        ) : null}
      </div>
      {fields.map((f) => (
        <div key={f.id} className={f.id === "qaSamplePercent" ? "sm:col-span-2" : ""}>
          <Field id={f.id} label={f.label} errors={errors?.[f.id]} hint={f.hint}>
            <Input
              {...describe(f.id, errors?.[f.id])}
              defaultValue={shown[f.id]}
              inputMode={f.inputMode}
              autoComplete="off"
            />
          </Field>
        </div>
      ))}
      <div className="flex justify-end sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
