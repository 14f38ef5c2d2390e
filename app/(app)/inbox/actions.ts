"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { assignTask, getInboxTask, isVisibleTo } from "@/db/queries/tasks";
import { getUserById } from "@/db/queries/users";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/services/auth/session";
import { invalid, type ActionResult } from "@/lib/errors";
import { actionSchemas } from "@/domain/tasks/actions";
import { askVendor } from "@/services/tasks/ask-vendor";
import { decide } from "@/services/tasks/decide";

const decideSchema = z.discriminatedUnion("action", [
  actionSchemas.approve.extend({ taskId: z.uuid(), action: z.literal("approve") }),
  actionSchemas.edit_and_approve.extend({ taskId: z.uuid(), action: z.literal("edit_and_approve") }),
  actionSchemas.reject.extend({ taskId: z.uuid(), action: z.literal("reject") }),
]);

export type DecideInput = z.input<typeof decideSchema>;

/** Approve (as read or with corrections) or reject a task from the inbox. */
export async function decideTask(input: DecideInput): Promise<ActionResult<{ resolved: boolean; correctedOnly?: true }>> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    const parsed = decideSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { taskId, ...decision } = parsed.data;
    const result = await decide(user, taskId, decision);
    if (!result.ok) return result;
    revalidatePath("/inbox");
    revalidatePath(`/inbox/${taskId}`);
    revalidatePath(`/documents/${result.data.documentId}`);
    return { ok: true, data: { resolved: result.data.resolved, ...(result.data.correctedOnly ? { correctedOnly: true as const } : {}) } } as const;
  });
}

const assignSchema = z.object({ taskId: z.uuid(), to: z.union([z.literal("me"), z.literal("nobody"), z.uuid()]) });

/** Claim ("me"), release ("nobody") or, for admins, reassign to a user id. */
export async function assignTaskAction(input: z.input<typeof assignSchema>): Promise<ActionResult> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    const parsed = assignSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const task = await getInboxTask(parsed.data.taskId);
    if (!task || !isVisibleTo(task, user)) return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." } as const;
    const reassign = parsed.data.to !== "me" && parsed.data.to !== "nobody";
    if (reassign && user.role !== "admin") return { ok: false, code: "forbidden:task", message: "Only admins hand tasks to someone else." } as const;
    if (reassign) {
      const target = await getUserById(parsed.data.to);
      if (!target || (task.assignedRole !== target.role && target.role !== "admin")) {
        return { ok: false, code: "invalid:assignee", message: "Choose someone whose role works this kind of task." } as const;
      }
    }
    const to = parsed.data.to === "me" ? user.id : parsed.data.to === "nobody" ? null : parsed.data.to;
    const result = await assignTask({ taskId: task.id, actor: { id: user.id, label: user.email }, to, force: user.role === "admin" });
    if (!result.ok) {
      const holder = result.task?.assigneeId ? await getUserById(result.task.assigneeId) : undefined;
      return result.reason === "claimed_by_other"
        ? ({ ok: false, code: "conflict:task", message: `${holder?.name ?? "Someone else"} has already claimed this task.` } as const)
        : ({ ok: false, code: "conflict:task", message: "This task is no longer open." } as const);
    }
    revalidatePath(`/inbox/${task.id}`);
    revalidatePath("/inbox");
    return { ok: true } as const;
  });
}

const askVendorSchema = actionSchemas.ask_vendor.extend({ taskId: z.uuid() });

/** Email the vendor a question about the task's document; the task stays open for the decision. */
export async function askVendorAction(input: z.input<typeof askVendorSchema>): Promise<ActionResult<{ queued: boolean }>> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    const parsed = askVendorSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { taskId, ...query } = parsed.data;
    const result = await askVendor(user, taskId, query);
    if (!result.ok) return result;
    revalidatePath(`/inbox/${taskId}`);
    revalidatePath(`/documents/${result.data.documentId}`);
    return { ok: true, data: { queued: result.data.queued } } as const;
  });
}
