"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formValues, type DialogFormState } from "@/lib/forms";
import { vendorSchema } from "@/domain/vendors";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { invalid } from "@/lib/errors";
import { saveVendor } from "@/services/vendors/save-vendor";

const nameTaken = (formData: FormData): DialogFormState => ({
  ok: false,
  code: "conflict:vendor",
  message: "Some fields need attention.",
  fieldErrors: { name: ["A vendor with this name already exists."] },
  submitted: formValues(formData),
});

export async function saveVendorAction(_previous: DialogFormState, formData: FormData): Promise<DialogFormState> {
  return handleAction(async () => {
    const admin = await authorize("vendors:manage");
    const actor = { id: admin.id, label: admin.email };
    const parsed = vendorSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ...invalid(parsed.error), submitted: formValues(formData) };
    const vendorId = z.uuid().safeParse(formData.get("vendorId"));
    const result = await saveVendor(vendorId.success ? vendorId.data : null, parsed.data, actor);
    if (!result.ok) {
      return result.reason === "name_taken"
        ? nameTaken(formData)
        : ({ ok: false, code: "not_found:vendor", message: "This vendor no longer exists." } as const);
    }
    revalidatePath("/settings/vendors");
    return { ok: true } as const;
  });
}
