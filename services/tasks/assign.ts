import { assignTask, getInboxTask } from "@/db/queries/tasks";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { isVisibleTo } from "@/domain/tasks/lifecycle";
import type { ActionResult } from "@/lib/errors";
import { announceTask } from "@/services/realtime/announce";

/** Whom a task goes to: the person asking ("me"), nobody (a release), or, for admins, another user by id. */
export type Assignee = "me" | "nobody" | (string & {});

/**
 * Claims, releases or hands over a task for `user`. Only admins hand a task to someone else, and only to someone
 * whose role works it; a claim fails while someone else holds the task.
 */
export async function assign(user: User, taskId: string, to: Assignee): Promise<ActionResult> {
  const task = await getInboxTask(taskId);
  if (!task || !isVisibleTo(task, user))
    return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." };
  const reassign = to !== "me" && to !== "nobody";
  if (reassign && user.role !== "admin")
    return { ok: false, code: "forbidden:task", message: "Only admins hand tasks to someone else." };
  if (reassign) {
    const target = await getUserById(to);
    if (!target || (task.assignedRole !== target.role && target.role !== "admin")) {
      return { ok: false, code: "invalid:assignee", message: "Choose someone whose role works this kind of task." };
    }
  }
  const assignee = to === "me" ? user.id : to === "nobody" ? null : to;
  const result = await assignTask({
    taskId: task.id,
    actor: { id: user.id, label: user.email },
    to: assignee,
    force: user.role === "admin",
  });
  if (result.ok) {
    await announceTask(task);
    return { ok: true };
  }
  if (result.reason === "not_open")
    return { ok: false, code: "conflict:task", message: "This task is no longer open." };
  const holder = result.task?.assigneeId ? await getUserById(result.task.assigneeId) : undefined;
  return {
    ok: false,
    code: "conflict:task",
    message: `${holder?.name ?? "Someone else"} has already claimed this task.`,
  };
}
