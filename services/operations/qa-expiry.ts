import { listOverdueQaReviews } from "@/db/queries/qa-review";
import { expireTask } from "@/db/queries/tasks";
import { qaReviewExpiredReason } from "@/domain/operations/qa-review";
import { announceTasks } from "@/services/realtime/announce";

/**
 * Closes QA reviews nobody looked at within their week. Expiring one only closes it: the document stays posted, no
 * run is woken, and the monitor counts the document as not reviewed.
 */
export async function expireOverdueQaReviews(now: Date): Promise<{ expired: number }> {
  const overdue = await listOverdueQaReviews(now);
  const expired = [];
  for (const id of overdue) {
    const task = await expireTask(id, qaReviewExpiredReason);
    if (task?.status === "expired" && task.action === "expire") expired.push(task);
  }
  await announceTasks(expired);
  return { expired: expired.length };
}
