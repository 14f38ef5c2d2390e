"use server";

import { revalidatePath } from "next/cache";
import { handleAction } from "@/lib/actions";
import { formValues, type DialogFormState } from "@/lib/forms";
import { authorize } from "@/services/auth/session";
import { saveOperatingSettings } from "@/services/operations/settings";

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Settings → Operations: the hourly rate of handling time and the share of auto-posted documents sampled for QA. */
export async function saveOperatingSettingsAction(
  _previous: DialogFormState,
  formData: FormData,
): Promise<DialogFormState> {
  return handleAction(async () => {
    const admin = await authorize("operations:manage");
    const saved = await saveOperatingSettings(
      {
        hourlyRate: text(formData, "hourlyRate"),
        currency: text(formData, "currency"),
        qaSamplePercent: text(formData, "qaSamplePercent"),
      },
      { id: admin.id, label: admin.email },
    );
    if (!saved.ok) return { ...saved, submitted: formValues(formData) };
    revalidatePath("/settings/operations");
    revalidatePath("/monitor");
    return { ok: true } as const;
  });
}
