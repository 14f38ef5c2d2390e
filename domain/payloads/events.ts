import { z } from "zod";

/**
 * The data of every event Keel sends or waits for. A run that started on an older version still holds the event
 * that started it, and waits match events an older version sent: a field added later is optional or has a default,
 * and no field is ever removed or made stricter. `services/events/catalog.ts` gives each schema its event name.
 */

export const documentReceivedSchema = z.looseObject({ documentId: z.uuid() });

// A ticket's task has no document: documentId became optional and ticketId was added with ticket tasks (issue 15).
export const taskResolvedSchema = z.looseObject({
  taskId: z.uuid(),
  documentId: z.uuid().optional(),
  ticketId: z.uuid().optional(),
  action: z.string(),
});

// The document whose email was queued, when there is one: the delivery run is traced under it (added in 325c1b5).
export const emailQueuedSchema = z.looseObject({ documentId: z.string().optional() });

// A new ticket was stored and its run may start; nothing consumed it when it first shipped (issue 15).
export const ticketReceivedSchema = z.looseObject({ ticketId: z.uuid() });
