import { and, eq, sql } from "drizzle-orm";
import { db, type Executor } from "../index";
import { taskHandling, tasks } from "../schema";

/**
 * Adds measured handling time for one person on one task, only while the task is open: time after the decision is
 * not handling it. One statement, so a decision landing at the same moment either precedes it or does not.
 * Returns whether the time was counted.
 */
export async function addHandlingTime(
  taskId: string,
  userId: string,
  ms: number,
  tx: Executor = db(),
): Promise<boolean> {
  const rows = await tx.execute<{ task_id: string }>(sql`
    insert into ${taskHandling} (task_id, user_id, focused_ms)
    select ${tasks.id}, ${userId}::uuid, ${ms}::bigint from ${tasks}
    where ${and(eq(tasks.id, taskId), eq(tasks.status, "open"))}
    on conflict (task_id, user_id)
    do update set focused_ms = ${taskHandling}.focused_ms + excluded.focused_ms, last_at = now()
    returning task_id`);
  return rows.length > 0;
}

/** The handling time measured on a task, per person, most first. */
export async function listTaskHandling(
  taskId: string,
  tx: Executor = db(),
): Promise<{ userId: string; focusedMs: number; firstAt: Date; lastAt: Date }[]> {
  return tx
    .select({
      userId: taskHandling.userId,
      focusedMs: taskHandling.focusedMs,
      firstAt: taskHandling.firstAt,
      lastAt: taskHandling.lastAt,
    })
    .from(taskHandling)
    .where(eq(taskHandling.taskId, taskId))
    .orderBy(sql`${taskHandling.focusedMs} desc`);
}
