"use server";

import { revalidatePath } from "next/cache";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { formValues, type DialogFormState } from "@/lib/forms";
import { invalid } from "@/lib/errors";
import { createUser } from "@/services/users/create-user";
import { updateUser } from "@/services/users/update-user";

export type UserFormState = DialogFormState;

export async function createUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return handleAction(async () => {
    const admin = await authorize("users:manage");
    const result = await createUser(Object.fromEntries(formData), { id: admin.id, label: admin.email });
    if (!result.ok) {
      if (result.reason === "invalid") return { ...invalid(result.error), submitted: formValues(formData) };
      return {
        ok: false,
        code: "conflict:user",
        message: "Some fields need attention.",
        fieldErrors: { email: ["A user with this email already exists."] },
        submitted: formValues(formData),
      } as const;
    }
    revalidatePath("/settings/users");
    return { ok: true } as const;
  });
}

export async function updateUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return handleAction(async () => {
    const admin = await authorize("users:manage");
    const result = await updateUser(Object.fromEntries(formData), { id: admin.id, label: admin.email });
    if (!result.ok) {
      if (result.reason === "invalid") return { ...invalid(result.error), submitted: formValues(formData) };
      return result.reason === "last_admin"
        ? ({
            ok: false,
            code: "conflict:last_admin",
            message: "Keel needs at least one admin. Make someone else an admin first.",
            fieldErrors: { role: ["Keel needs at least one admin. Make someone else an admin first."] },
            submitted: formValues(formData),
          } as const)
        : ({ ok: false, code: "not_found:user", message: "This user no longer exists." } as const);
    }
    revalidatePath("/settings/users");
    return { ok: true } as const;
  });
}
