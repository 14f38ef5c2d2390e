import { createHash } from "node:crypto";
import { askVendorAboutTask } from "@/db/queries/tasks";
import type { User } from "@/db/schema";
import { actionAvailable } from "@/domain/tasks/actions";
import type { VendorQuery } from "@/domain/tasks/lifecycle";
import { vendorQueryKeyPrefix } from "@/domain/tasks/vendor-query";
import { mayAct } from "@/domain/tasks/policy";
import { documentIdOf } from "@/domain/tasks/subject";
import type { ActionResult } from "@/lib/errors";
import { nudgeMailer } from "@/services/mail/nudge";
import { announceTask } from "@/services/realtime/announce";
import { workableTask } from "./decide";

/**
 * Asks the vendor about a task's document, as whoever may decide it: the question leaves through the outbox, the
 * task stays open and its deadline stands.
 */
export async function askVendor(
  user: User,
  taskId: string,
  query: VendorQuery,
): Promise<ActionResult<{ queued: boolean; documentId: string }>> {
  const found = await workableTask(user, taskId);
  if (!found.ok) return found;
  const { task } = found;
  const offered = actionAvailable(task.type, "ask_vendor");
  if (!offered.allowed) return { ok: false, code: "forbidden:task", message: offered.reason };
  const answer = mayAct(user, task, "reject");
  if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason };
  const digest = createHash("sha256").update(`${query.to}\n${query.subject}\n${query.body}`).digest("hex").slice(0, 16);
  const email = { idempotencyKey: `${vendorQueryKeyPrefix(task.id)}${digest}`, ...query };
  const result = await askVendorAboutTask({ taskId: task.id, actor: { id: user.id, label: user.email }, email });
  if (!result.ok)
    return {
      ok: false,
      code: "conflict:task",
      message: `This task is ${result.task?.status ?? "closed"}; there is nothing left to ask.`,
    };
  const documentId = documentIdOf(task);
  if (result.queued) await Promise.all([nudgeMailer({ documentId, taskId: task.id }), announceTask(task)]);
  return { ok: true, data: { queued: result.queued, documentId } };
}
