import { eventType } from "inngest";
import { z } from "zod";

/** Every event Keel sends or waits for: its name and the schema of its data, one source of truth. */

export const documentReceived = eventType("keel/document.received", {
  schema: z.object({ documentId: z.uuid() }),
});

export const taskResolved = eventType("keel/task.resolved", {
  schema: z.object({ taskId: z.uuid(), documentId: z.uuid(), action: z.string() }),
});

/** Emails are waiting in the outbox: start delivering now rather than at the next minute. */
export const emailQueued = eventType("keel/email.queued", {
  // The document whose email was queued, when there is one: the delivery run is traced under it.
  schema: z.object({ documentId: z.string().optional() }),
});

/** One wake-up per task: a relayed resend of a delivered one is dropped. */
export const taskResolvedId = (taskId: string) => `task-resolved-${taskId}`;

/** Event ids make a re-sent event the same event: the engine and Inngest Cloud drop repeats within 24 h. */
export const documentReceivedId = (documentId: string) => `document-received-${documentId}`;
