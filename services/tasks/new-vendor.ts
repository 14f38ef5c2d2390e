import { getLatestExtraction } from "@/db/queries/documents";
import { createVendorForTask } from "@/db/queries/new-vendor";
import type { User } from "@/db/schema";
import { documentMismatch, newVendorSchema } from "@/domain/tasks/new-vendor";
import { mayAct } from "@/domain/tasks/policy";
import { documentIdOf } from "@/domain/tasks/subject";
import { invalid, type ActionResult } from "@/lib/errors";
import { workableTask } from "./decide";
import { sendWakeUp, wakeUpEvent } from "./wake-run";

/**
 * Sets the vendor up from a new-vendor task, as the person corrected it, and lets the run continue with the vendor
 * on file; it checks the document again and asks for whatever is still needed (a spend approval, at least).
 */
export async function createVendorFromTask(
  user: User,
  taskId: string,
  form: Record<string, unknown>,
): Promise<ActionResult<{ vendorId: string; documentId: string }>> {
  const found = await workableTask(user, taskId);
  if (!found.ok) return found;
  const { task } = found;
  if (task.type !== "CONFIRM_NEW_VENDOR")
    return {
      ok: false,
      code: "conflict:task",
      message: "This task does not set up a vendor; decide it with its own buttons.",
    };
  // Setting up a vendor is this task's approval, and never spends: the role decides, as for rejecting.
  const answer = mayAct(user, task, "reject");
  if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason };
  const parsed = newVendorSchema.safeParse(form);
  if (!parsed.success) return invalid(parsed.error);
  const documentId = documentIdOf(task);
  const latest = await getLatestExtraction(documentId);
  if (!latest)
    return {
      ok: false,
      code: "conflict:task",
      message: "This document has no extracted fields to set a vendor up from.",
    };
  const mismatch = documentMismatch(latest.extraction.fields, parsed.data);
  if (mismatch)
    return {
      ok: false,
      code: "invalid:fields",
      message: "Some fields need attention.",
      fieldErrors: { name: [mismatch] },
    };

  const { bankChecked, ...vendor } = parsed.data;
  const result = await createVendorForTask({
    taskId: task.id,
    vendor,
    actor: { id: user.id, label: user.email },
    parameters: { extractionId: latest.id, bankCheckedOutOfBand: bankChecked === "on" },
    wake: wakeUpEvent(task, "create_vendor"),
  });
  if (!result.ok) {
    return result.reason === "name_taken"
      ? {
          ok: false,
          code: "conflict:vendor",
          message: "Some fields need attention.",
          fieldErrors: {
            name: [
              "A vendor with this name is already on file: use another name, or reject the document if it is the same vendor.",
            ],
          },
        }
      : { ok: false, code: "conflict:task", message: `This task was already ${result.task?.status ?? "closed"}.` };
  }
  await sendWakeUp(task.id);
  return { ok: true, data: { vendorId: result.vendor.id, documentId } };
}
