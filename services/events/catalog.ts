import { eventType } from "inngest";
import {
  documentReceivedSchema,
  emailQueuedSchema,
  taskResolvedSchema,
  ticketReceivedSchema,
} from "@/domain/payloads/events";

/**
 * Every event Keel sends or waits for: its name and the schema of its data, one source of truth. The schemas live
 * in domain/payloads with recorded fixtures of every shape that shipped: a change may only add optional fields.
 */

export const documentReceived = eventType("keel/document.received", {
  schema: documentReceivedSchema,
});

export const taskResolved = eventType("keel/task.resolved", {
  schema: taskResolvedSchema,
});

/** Emails are waiting in the outbox: start delivering now rather than at the next minute. */
export const emailQueued = eventType("keel/email.queued", {
  schema: emailQueuedSchema,
});

/** A new ticket is stored; its run starts from this. */
export const ticketReceived = eventType("keel/ticket.received", {
  schema: ticketReceivedSchema,
});

/** One wake-up per task: a relayed resend of a delivered one is dropped. */
export const taskResolvedId = (taskId: string) => `task-resolved-${taskId}`;

/** The signal that resumes the one run waiting on a task's decision (step.waitForSignal), sent with the event. */
export const taskDecidedSignal = (taskId: string) => `keel/task.decided:${taskId}`;

/** Event ids make a re-sent event the same event: the engine and Inngest Cloud drop repeats within 24 h. */
export const documentReceivedId = (documentId: string) => `document-received-${documentId}`;

/** One run per ticket: a relayed resend of a delivered event is dropped. */
export const ticketReceivedId = (ticketId: string) => `ticket-received-${ticketId}`;
