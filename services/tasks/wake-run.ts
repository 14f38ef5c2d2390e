import type { NewOutboxEvent } from "@/db/schema";
import { markSignalled } from "@/db/queries/event-outbox";
import { taskDecidedSignal, taskResolved, taskResolvedId } from "@/services/events/catalog";
import { logger } from "@/lib/logger";
import { relayEvent } from "@/services/events/relay";
import { sendSignalSoon } from "@/services/events/signals";

/**
 * The run's wake-up for a decided task, written in the decision's transaction (a transactional outbox): a signal
 * for the run waiting on it (step.waitForSignal) and the event runs that began before signals wait on.
 */
export function wakeUpEvent(
  task: { id: string; documentId: string | null; ticketId?: string | null },
  action: string,
): NewOutboxEvent {
  const subject = task.documentId !== null ? { documentId: task.documentId } : { ticketId: task.ticketId ?? undefined };
  const event = taskResolved.create({ taskId: task.id, ...subject, action });
  return { name: event.name, data: event.data, eventId: taskResolvedId(task.id), signal: taskDecidedSignal(task.id) };
}

/** Sends a committed wake-up now rather than at the relay's next pass; a failure only delays it. */
export async function sendWakeUp(taskId: string): Promise<void> {
  const eventId = taskResolvedId(taskId);
  const [signal, event] = await Promise.allSettled([sendSignalSoon(eventId), relayEvent(eventId)]);
  // The decision and its wake-up are committed; the relay sends what failed here within a minute.
  if (signal.status === "rejected")
    logger.error({ taskId, err: signal.reason as unknown }, "could not signal the task's run; the relay will");
  if (event.status === "rejected")
    logger.error({ taskId, err: event.reason as unknown }, "could not send keel/task.resolved; the relay will");
}

/** The run read its task's decision: its signal, if no run took it yet, need not be sent again. */
export async function decisionSeen(taskId: string): Promise<void> {
  await markSignalled(taskResolvedId(taskId));
}
