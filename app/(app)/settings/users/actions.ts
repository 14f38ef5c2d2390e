"use server";

import { revalidatePath } from "next/cache";
import { createUser, updateUser } from "@/db/queries/users";
import { createUserSchema, updateUserSchema } from "@/domain/users";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { formValues, type DialogFormState } from "@/lib/forms";
import { invalid } from "@/lib/errors";
import { hashPassword } from "@/lib/password";

export type UserFormState = DialogFormState;

export async function createUserAction(_previous: UserFormState, formData: FormData): Promise<UserFormState> {
  return handleAction(async () => {
    const admin = await authorize("users:manage");
    const parsed = createUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ...invalid(parsed.error), submitted: formValues(formData) };
    const { password, ...fields } = parsed.data;
    const result = await createUser(
      { ...fields, passwordHash: await hashPassword(password) },
      { id: admin.id, label: admin.email },
    );
    if (!result.ok) {
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
    const parsed = updateUserSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return { ...invalid(parsed.error), submitted: formValues(formData) };
    const { userId, ...changes } = parsed.data;
    const result = await updateUser(userId, changes, { id: admin.id, label: admin.email });
    if (!result.ok) {
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
