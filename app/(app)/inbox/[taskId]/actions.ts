"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { formValues, type DialogFormState } from "@/lib/forms";
import { createVendorFromTask } from "@/services/tasks/new-vendor";
import { promoteToEvalCase, type PromotedCase } from "@/services/evals/promote";
import type { ActionResult } from "@/lib/errors";

/** Set the vendor up from a new-vendor task's form; the task's policy and the vendor's validation decide. */
export async function createVendorFromTaskAction(
  _previous: DialogFormState,
  formData: FormData,
): Promise<DialogFormState> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    const taskId = z.uuid().safeParse(formData.get("taskId"));
    if (!taskId.success)
      return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." } as const;
    const { taskId: _id, ...form } = Object.fromEntries(formData);
    const result = await createVendorFromTask(user, taskId.data, form);
    if (!result.ok) return { ...result, submitted: formValues(formData) };
    revalidatePath("/inbox");
    revalidatePath(`/inbox/${taskId.data}`);
    revalidatePath(`/documents/${result.data.documentId}`);
    revalidatePath("/settings/vendors");
    return { ok: true } as const;
  });
}

/** Freeze a decided task's document, with its fields as decided, into an eval case (admins). */
export async function promoteEvalCaseAction(taskId: unknown): Promise<ActionResult<PromotedCase>> {
  return handleAction(async () => {
    const user = await authorize("evals:manage");
    const parsed = z.uuid().safeParse(taskId);
    if (!parsed.success) return { ok: false, code: "not_found:task", message: "This task does not exist." } as const;
    const result = await promoteToEvalCase(user, parsed.data);
    if (result.ok) {
      revalidatePath(`/inbox/${parsed.data}`);
      revalidatePath("/monitor");
    }
    return result;
  });
}
