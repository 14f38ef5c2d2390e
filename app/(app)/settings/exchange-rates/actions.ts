"use server";

import { revalidatePath } from "next/cache";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { formValues, type DialogFormState } from "@/lib/forms";
import { addExchangeRate, importExchangeRates } from "@/services/exchange-rates/save-rates";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

export async function addExchangeRateAction(_previous: DialogFormState, formData: FormData): Promise<DialogFormState> {
  return handleAction(async () => {
    const admin = await authorize("exchange_rates:manage");
    const saved = await addExchangeRate(
      {
        currency: text(formData, "currency"),
        rate: text(formData, "rate"),
        effectiveFrom: text(formData, "effectiveFrom"),
      },
      { id: admin.id, label: admin.email },
    );
    if (!saved.ok) {
      const fieldErrors = Object.fromEntries(
        Object.entries(saved.errors).map(([field, message]) => [field, [message]]),
      );
      return {
        ok: false,
        code: "invalid",
        message: "Some fields need attention.",
        fieldErrors,
        submitted: formValues(formData),
      } as const;
    }
    revalidatePath("/settings/exchange-rates");
    return { ok: true } as const;
  });
}

/** A rate sheet is a few kilobytes; a megabyte is room for years of daily rates and bounds what is read. */
const maxCsvBytes = 1_000_000;

/** A CSV of rates (`currency,rate,effective_from`), uploaded or pasted: all of it is saved, or none and every bad line is named. */
export async function importExchangeRatesAction(
  _previous: DialogFormState,
  formData: FormData,
): Promise<DialogFormState> {
  return handleAction(async () => {
    const admin = await authorize("exchange_rates:manage");
    const file = formData.get("file");
    const pasted = text(formData, "csv");
    const refuse = (errors: string[]) =>
      ({
        ok: false,
        code: "invalid",
        message: "Nothing was imported.",
        fieldErrors: { csv: errors },
        submitted: { csv: pasted },
      }) as const;
    const upload = file instanceof File && file.size > 0 ? file : null;
    if (upload && upload.size > maxCsvBytes)
      return refuse([`The file is ${String(Math.ceil(upload.size / 1000))} kB; import at most 1,000 kB at a time.`]);
    if (!upload && pasted.length > maxCsvBytes)
      return refuse(["The pasted text is over 1,000 kB; import at most 1,000 kB at a time."]);
    const csv = upload ? await upload.text() : pasted;
    if (csv.trim() === "")
      return refuse([
        "Choose a CSV file or paste its lines: the header currency,rate,effective_from, then one rate a line.",
      ]);
    const imported = await importExchangeRates(csv, { id: admin.id, label: admin.email });
    if (!imported.ok) return refuse(imported.errors);
    revalidatePath("/settings/exchange-rates");
    return { ok: true } as const;
  });
}
