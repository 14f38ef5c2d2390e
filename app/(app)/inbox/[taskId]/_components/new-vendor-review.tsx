"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import type { DialogFormState } from "@/lib/forms";
import { vendorFields } from "@/components/forms/vendor-fields";
import type { NewVendorValues } from "@/domain/tasks/new-vendor";
import { createVendorFromTaskAction } from "../actions";

/**
 * The new-vendor review: what the document says about its seller, as a vendor form to check and correct. Saving
 * creates the vendor and lets the run continue with it on file; the bank details become what Keel trusts, so they
 * are saved only once checked by phone.
 */
export function NewVendorReview({
  taskId,
  values,
  bankCheckAdvice,
  disabledReason,
}: {
  taskId: string;
  values: NewVendorValues;
  bankCheckAdvice: string;
  disabledReason: string | null;
}) {
  const [state, formAction, pending] = useActionState<DialogFormState, FormData>(createVendorFromTaskAction, {
    ok: null,
  });
  const errors = state.ok === false ? state.fieldErrors : undefined;
  const shown = { ...values, ...(state.ok === false ? state.submitted : undefined) };
  if (state.ok === true) {
    return (
      <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        The vendor is on file. Keel checks the document again with it.
      </p>
    );
  }
  return (
    <section aria-label="New vendor" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 className="mb-1 font-semibold">Set up this vendor</h2>
      <p className="mb-3 text-slate-600">
        Prefilled from the document. Check each value against it, correct what Keel misread, and create the vendor, or
        reject the document.
      </p>
      {disabledReason ? <p className="mb-3 text-slate-700">{disabledReason}</p> : null}
      <form
        action={formAction}
        className="grid gap-3 sm:grid-cols-2"
        noValidate
        key={JSON.stringify(state.ok === false ? state.submitted : null)}
      >
        <div className="sm:col-span-2">
          <FormAlert state={state} />
        </div>
        <input type="hidden" name="taskId" value={taskId} />
        {vendorFields.map((f) => (
          <div key={f.id} className={f.id === "name" || f.id === "aliases" ? "sm:col-span-2" : ""}>
            <Field id={f.id} label={f.label} errors={errors?.[f.id]} {...(f.hint ? { hint: f.hint } : {})}>
              <Input
                {...describe(f.id, errors?.[f.id])}
                defaultValue={shown[f.id]}
                autoComplete="off"
                disabled={disabledReason !== null}
              />
            </Field>
          </div>
        ))}
        <div className="sm:col-span-2 space-y-1">
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              name="bankChecked"
              aria-describedby={errors?.bankChecked?.length ? "bankChecked-error" : undefined}
              disabled={disabledReason !== null}
              defaultChecked={state.ok === false && state.submitted?.bankChecked === "on"}
              className="mt-1"
            />
            <span>I checked these bank details with the vendor by phone. {bankCheckAdvice}</span>
          </label>
          {errors?.bankChecked?.length ? (
            <p id="bankChecked-error" role="alert" className="text-xs text-red-700">
              {errors.bankChecked.join(" ")}
            </p>
          ) : null}
        </div>
        <div className="sm:col-span-2 flex justify-end">
          <Button type="submit" disabled={pending || disabledReason !== null}>
            {pending ? "Creating…" : "Create vendor and continue"}
          </Button>
        </div>
      </form>
    </section>
  );
}
