import { eventType } from "inngest";
import { z } from "zod";

/** Every event Keel sends or waits for: its name and the schema of its data, one source of truth. */

export const documentReceived = eventType("keel/document.received", {
  schema: z.object({ documentId: z.uuid() }),
});

export const taskResolved = eventType("keel/task.resolved", {
  schema: z.object({ taskId: z.uuid(), documentId: z.uuid(), action: z.string() }),
});

/** Event ids make a re-sent event the same event: the engine and Inngest Cloud drop repeats within 24 h. */
export const documentReceivedId = (documentId: string) => `document-received-${documentId}`;
