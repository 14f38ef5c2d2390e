import type { NewOutboxEvent } from "@/db/schema";
import { taskResolved, taskResolvedId } from "@/services/events/catalog";
import { logger } from "@/lib/logger";
import { relayEvent } from "@/services/events/relay";

/** The run's wake-up for a decided task, written in the decision's transaction (a transactional outbox). */
export function wakeUpEvent(
  task: { id: string; documentId: string | null; ticketId?: string | null },
  action: string,
): NewOutboxEvent {
  const subject = task.documentId !== null ? { documentId: task.documentId } : { ticketId: task.ticketId ?? undefined };
  const event = taskResolved.create({ taskId: task.id, ...subject, action });
  return { name: event.name, data: event.data, eventId: taskResolvedId(task.id) };
}

/** Sends a committed wake-up now rather than at the relay's next pass; a failure only delays it. */
export async function sendWakeUp(taskId: string): Promise<void> {
  try {
    await relayEvent(taskResolvedId(taskId));
  } catch (error) {
    // The decision and its wake-up are committed; the relay sends it within a minute.
    logger.error({ taskId, err: error }, "could not send keel/task.resolved; the relay will");
  }
}
