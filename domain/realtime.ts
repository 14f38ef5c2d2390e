import { z } from "zod";
import type { Permission } from "./permissions";

/**
 * What a page can follow live: one document, one ticket, or the inbox. A message only says that something
 * changed; the page re-reads what it shows with the reader's own rights, so a message never carries data.
 */
export const liveTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("document"), id: z.uuid("a document id is a UUID") }),
  z.object({ kind: z.literal("ticket"), id: z.uuid("a ticket id is a UUID") }),
  z.object({ kind: z.literal("inbox") }),
]);
export type LiveTarget = z.infer<typeof liveTargetSchema>;

/** The one topic every live channel has. */
export const liveTopic = "changed";

export const liveMessageSchema = z.object({ at: z.string() });
export type LiveMessage = z.infer<typeof liveMessageSchema>;

/** The realtime channel a target's changes are published on. */
export function liveChannel(target: LiveTarget): string {
  return target.kind === "inbox" ? "keel:inbox" : `keel:${target.kind}:${target.id}`;
}

/** The right a user needs to follow a target: the one that lets them read it. */
export function liveReadPermission(target: LiveTarget): Permission {
  return target.kind === "document" ? "documents:view" : target.kind === "ticket" ? "tickets:view" : "inbox:view";
}
