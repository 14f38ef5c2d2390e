"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { approveTask, assignTask, getInboxTask, isVisibleTo, listTaskApprovers, resolveTask } from "@/db/queries/tasks";
import { getUserById } from "@/db/queries/users";
import { approvalsRequired, mayAct } from "@/domain/tasks/policy";
import { env } from "@/lib/env";
import { inngest } from "@/inngest/client";
import { taskResolved } from "@/inngest/events";
import { handleAction } from "@/lib/actions";
import { authorize } from "@/lib/auth/session";
import { invalid, type ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";

const decideSchema = z.discriminatedUnion("action", [
  z.object({ taskId: z.uuid(), action: z.literal("approve") }),
  z.object({ taskId: z.uuid(), action: z.literal("reject"), reason: z.string().trim().min(3, "Say why, so the uploader can act on it.").max(1000) }),
]);

export type DecideInput = z.input<typeof decideSchema>;

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "earlier");

/** Approve or reject a task: policy, then one atomic open → resolved, then the event that wakes the run. */
export async function decideTask(input: DecideInput): Promise<ActionResult<{ resolved: boolean }>> {
  return handleAction(async () => {
    const user = await authorize("inbox:view");
    const parsed = decideSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const task = await getInboxTask(parsed.data.taskId);
    // Not found and not yours get the same answer.
    if (!task || !isVisibleTo(task, user)) {
      return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." } as const;
    }
    if (task.status !== "open") {
      return { ok: false, code: "conflict:task", message: `This task was already ${task.status === "resolved" ? `decided (${task.action ?? "?"})` : task.status} at ${when(task.resolvedAt)}.` } as const;
    }
    if (task.assigneeId && task.assigneeId !== user.id && user.role !== "admin") {
      const holder = await getUserById(task.assigneeId);
      return { ok: false, code: "conflict:task", message: `${holder?.name ?? "Someone else"} has claimed this task; ask them or an admin to release it.` } as const;
    }
    const answer = mayAct(user, task, parsed.data.action, await listTaskApprovers(task.id));
    if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason } as const;
    const actor = { id: user.id, label: user.email };
    if (parsed.data.action === "approve") {
      const result = await approveTask({ taskId: task.id, actor, required: approvalsRequired(task, env().KEEL_FOUR_EYES_FROM_MINOR) });
      if (!result.ok) {
        return { ok: false, code: "conflict:task", message: result.reason === "already_approved_by_you" ? "You have approved; a second approver must confirm." : `This task was already ${result.task?.status ?? "closed"} at ${when(result.task?.resolvedAt ?? null)}.` } as const;
      }
      if (!result.resolved) {
        revalidatePath(`/inbox/${task.id}`);
        return { ok: true, data: { resolved: false } } as const;
      }
    } else {
      const result = await resolveTask({ taskId: task.id, actor, action: "reject", parameters: { reason: parsed.data.reason } });
      if (!result.ok) {
        return { ok: false, code: "conflict:task", message: `This task was already ${result.task?.status ?? "closed"} at ${when(result.task?.resolvedAt ?? null)}.` } as const;
      }
    }
    try {
      await inngest.send(taskResolved.create({ taskId: task.id, documentId: task.documentId, action: parsed.data.action }));
    } catch (error) {
      // The decision is committed; the run re-reads its task within minutes even without this wake-up.
      logger.error({ taskId: task.id, err: error }, "could not send keel/task.resolved");
    }
    revalidatePath("/inbox");
    revalidatePath(`/documents/${task.documentId}`);
    return { ok: true, data: { resolved: true } } as const;
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
