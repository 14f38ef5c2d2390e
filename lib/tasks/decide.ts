import { approveTask, getInboxTask, isVisibleTo, listTaskApprovers, resolveTask } from "@/db/queries/tasks";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { approvalsRequired, mayAct } from "@/domain/tasks/policy";
import { inngest } from "@/inngest/client";
import { taskResolved } from "@/inngest/events";
import { env } from "@/lib/env";
import type { ActionResult } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { formatUtc } from "@/lib/format";

export type Decision = { action: "approve" } | { action: "reject"; reason: string };

const when = (d: Date | null) => (d ? formatUtc(d) : "earlier");

/**
 * One decision by one user, wherever it comes from (the inbox, an email link): visibility, claim and policy
 * checks, one atomic state change, then the event that wakes the run, sent after the commit.
 */
export async function decide(user: User, taskId: string, decision: Decision): Promise<ActionResult<{ resolved: boolean; documentId: string }>> {
  const task = await getInboxTask(taskId);
  // Not found and not yours get the same answer.
  if (!task || !isVisibleTo(task, user)) return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." };
  if (task.status !== "open") {
    return { ok: false, code: "conflict:task", message: `This task was already ${task.status === "resolved" ? `decided (${task.action ?? "?"})` : task.status} at ${when(task.resolvedAt)}.` };
  }
  if (task.assigneeId && task.assigneeId !== user.id && user.role !== "admin") {
    const holder = await getUserById(task.assigneeId);
    return { ok: false, code: "conflict:task", message: `${holder?.name ?? "Someone else"} has claimed this task; ask them or an admin to release it.` };
  }
  const answer = mayAct(user, task, decision.action, await listTaskApprovers(task.id));
  if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason };
  const actor = { id: user.id, label: user.email };
  if (decision.action === "approve") {
    const result = await approveTask({ taskId: task.id, actor, required: approvalsRequired(task, env().KEEL_FOUR_EYES_FROM_MINOR) });
    if (!result.ok) {
      return {
        ok: false,
        code: "conflict:task",
        message: result.reason === "already_approved_by_you" ? "You have approved; a second approver must confirm." : `This task was already ${result.task?.status ?? "closed"} at ${when(result.task?.resolvedAt ?? null)}.`,
      };
    }
    if (!result.resolved) return { ok: true, data: { resolved: false, documentId: task.documentId } };
  } else {
    const result = await resolveTask({ taskId: task.id, actor, action: "reject", parameters: { reason: decision.reason } });
    if (!result.ok) return { ok: false, code: "conflict:task", message: `This task was already ${result.task?.status ?? "closed"} at ${when(result.task?.resolvedAt ?? null)}.` };
  }
  try {
    await inngest.send(taskResolved.create({ taskId: task.id, documentId: task.documentId, action: decision.action }));
  } catch (error) {
    // The decision is committed; the run re-reads its task within minutes even without this wake-up.
    logger.error({ taskId: task.id, err: error }, "could not send keel/task.resolved");
  }
  return { ok: true, data: { resolved: true, documentId: task.documentId } };
}
