"use client";

import { DialogFormActions } from "@/components/forms/dialog-form-actions";
import { FormAlert } from "@/components/forms/form-alert";
import { useDialogForm } from "@/components/forms/use-dialog-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describe, Field, Input } from "@/components/ui/field";
import { rateCsvHeader } from "@/domain/fx-import";
import { addExchangeRateAction, importExchangeRatesAction } from "../actions";

/** One rate, typed: the currency, how many of it one unit of the base buys, and the day it takes effect. */
export function AddRateDialog({ today }: { today: string }) {
  const { open, setOpen, state, formAction, pending, errors, submitted } = useDialogForm(
    addExchangeRateAction,
    "Rate saved",
  );
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Add a rate"
      description="A rate for a currency and day already on file replaces it."
      trigger={<Button>Add rate</Button>}
    >
      <form action={formAction} className="space-y-3" noValidate key={JSON.stringify(submitted ?? "new")}>
        <FormAlert state={state} />
        <Field id="currency" label="Currency" errors={errors?.currency} hint="An ISO 4217 code, such as USD.">
          <Input
            {...describe("currency", errors?.currency)}
            name="currency"
            defaultValue={submitted?.currency ?? ""}
            maxLength={3}
            className="uppercase"
            autoComplete="off"
          />
        </Field>
        <Field
          id="rate"
          label="Rate"
          errors={errors?.rate}
          hint="Units of the currency one unit of the base buys, such as 1.0832."
        >
          <Input
            {...describe("rate", errors?.rate)}
            name="rate"
            defaultValue={submitted?.rate ?? ""}
            inputMode="decimal"
            autoComplete="off"
          />
        </Field>
        <Field id="effectiveFrom" label="Effective from" errors={errors?.effectiveFrom} hint="YYYY-MM-DD">
          <Input
            {...describe("effectiveFrom", errors?.effectiveFrom)}
            name="effectiveFrom"
            defaultValue={submitted?.effectiveFrom ?? today}
            autoComplete="off"
          />
        </Field>
        <DialogFormActions onCancel={() => setOpen(false)} pending={pending} submit="Save rate" submitting="Saving…" />
      </form>
    </Dialog>
  );
}

/** A CSV of rates, chosen as a file or pasted; refused whole with every bad line named, or saved whole. */
export function ImportRatesDialog({ base }: { base: string }) {
  const { open, setOpen, state, formAction, pending, errors, submitted } = useDialogForm(
    importExchangeRatesAction,
    "Rates imported",
  );
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title="Import rates"
      description={`A CSV with the header ${rateCsvHeader}, one rate a line against ${base}, such as USD,1.0832,2026-03-02. All lines are imported, or none.`}
      trigger={<Button variant="secondary">Import CSV</Button>}
    >
      <form action={formAction} className="space-y-3" noValidate key={JSON.stringify(submitted ?? "new")}>
        <FormAlert state={state} />
        {errors?.csv?.length ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p className="font-medium">Nothing was imported. Fix these lines and import the file again:</p>
            <ul className="mt-1 max-h-48 list-disc overflow-y-auto pl-5 text-xs">
              {errors.csv.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Field id="file" label="CSV file">
          <Input id="file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        </Field>
        <Field id="csv" label="Or paste the lines">
          <textarea
            id="csv"
            name="csv"
            rows={6}
            defaultValue={submitted?.csv ?? ""}
            placeholder={`${rateCsvHeader}\nUSD,1.0832,2026-03-02`}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
          />
        </Field>
        <DialogFormActions onCancel={() => setOpen(false)} pending={pending} submit="Import" submitting="Importing…" />
      </form>
    </Dialog>
  );
}
