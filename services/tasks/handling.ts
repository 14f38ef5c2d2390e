import { addHandlingTime } from "@/db/queries/task-handling";
import { getInboxTask } from "@/db/queries/tasks";
import type { User } from "@/db/schema";
import type { HandlingReport } from "@/domain/operations/handling";
import { isVisibleTo } from "@/domain/tasks/lifecycle";
import { AppError } from "@/lib/errors";

/**
 * Counts a task page's measured handling time for the person who had it open. The task must be one they may see,
 * as on the task page; once it is decided, late reports (a tab's last flush) are ignored rather than refused.
 */
export async function recordHandling(
  user: Pick<User, "id" | "role">,
  taskId: string,
  report: HandlingReport,
): Promise<{ counted: boolean }> {
  const task = await getInboxTask(taskId);
  // Not found and not yours get the same answer.
  if (!task || !isVisibleTo(task, user))
    throw new AppError("not_found:task", "This task does not exist or is not yours.");
  if (task.status !== "open") return { counted: false };
  return { counted: await addHandlingTime(task.id, user.id, report.ms) };
}
