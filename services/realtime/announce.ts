import type { LiveTarget } from "@/domain/realtime";
import { logger } from "@/lib/logger";
import { withTimeout } from "@/lib/timeout";
import { liveTopicRef } from "./channels";

/** A page falls back to polling when pushes fail, so a slow realtime API must not hold up a decision or a step. */
const PUBLISH_TIMEOUT_MS = 2_000;

/**
 * Tells the pages following these targets that they changed, through the Inngest client (the embedded engine or
 * Inngest Cloud alike). Best effort by design: the change is already committed, and a page that misses the push
 * still sees it on its next read, so a failure is logged and never thrown.
 */
export async function announce(...targets: LiveTarget[]): Promise<void> {
  // Loaded on first use: the client reads its environment when created, and the step services that announce are
  // imported by processes (tests, tools) that point INNGEST_* at their engine only after starting it.
  const { inngest } = await import("@/services/events/client");
  // Neither a dev server nor a signing key (a script, a test of one service): no realtime API would take it.
  if (inngest.mode !== "dev" && !inngest.signingKey) return;
  const at = new Date().toISOString();
  await Promise.all(
    targets.map(async (target) => {
      try {
        await withTimeout(
          "publishing a realtime message",
          PUBLISH_TIMEOUT_MS,
          inngest.realtime.publish(liveTopicRef(target), { at }),
        );
      } catch (error) {
        logger.warn({ err: error, target }, "realtime publish failed: pages following it fall back to polling");
      }
    }),
  );
}

export const announceDocument = (documentId: string) => announce({ kind: "document", id: documentId });
export const announceTicket = (ticketId: string) => announce({ kind: "ticket", id: ticketId });

type TaskSubject = { documentId: string | null; ticketId?: string | null };

/** A task opened, moved or closed: its subject's page and every inbox. */
export function announceTask(subject: TaskSubject): Promise<void> {
  return announceTasks([subject]);
}

/** Several tasks changed at once: each subject's page, and every inbox once rather than once per task. */
export function announceTasks(subjects: TaskSubject[]): Promise<void> {
  const pages = subjects.flatMap((subject): LiveTarget[] =>
    subject.documentId !== null
      ? [{ kind: "document", id: subject.documentId }]
      : subject.ticketId
        ? [{ kind: "ticket", id: subject.ticketId }]
        : [],
  );
  return subjects.length === 0 ? Promise.resolve() : announce(...pages, { kind: "inbox" });
}
