import { emailQueued } from "@/services/events/catalog";
import { logger } from "@/lib/logger";
import { mailConfigured } from "./transport";
import { sendEvents } from "@/services/events/send";

/**
 * Starts delivery within seconds of queueing instead of at the next minute's run. Best effort: a lost nudge only
 * leaves the email to that run, so it never fails the caller.
 */
export async function nudgeMailer(correlation: { documentId?: string | null; taskId?: string } = {}): Promise<void> {
  if (!mailConfigured()) return;
  try {
    await sendEvents(emailQueued.create(correlation.documentId ? { documentId: correlation.documentId } : {}));
  } catch (error) {
    logger.warn(
      { ...correlation, err: error },
      "could not send keel/email.queued; the next scheduled delivery sends the email",
    );
  }
}
