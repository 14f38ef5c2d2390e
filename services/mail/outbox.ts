import {
  claimOutboxEmails,
  markOutboxEmailFailed,
  markOutboxEmailForRetry,
  markOutboxEmailSent,
  renewOutboxClaim,
  type OutboxClaim,
} from "@/db/queries/ledger";
import { mintEmailLinks } from "@/db/queries/action-tokens";
import { logger } from "@/lib/logger";
import { afterFailure, MAX_DELIVERY_ATTEMPTS } from "./classify";
import { deliverEmail } from "./deliver";
import { appUrl, renderLinks } from "./links";

export type SendOutcome = "sent" | "retry" | "failed" | "skipped";

/** Up to `size` emails due for sending, each claimed for this deliverer so no other sends it meanwhile. */
export async function claimDueEmails(size: number): Promise<OutboxClaim[]> {
  return claimOutboxEmails(size);
}

/**
 * Sends one claimed email and records what happened. An email marked or claimed again by another deliverer
 * since is skipped, so each claim sends at most once.
 */
export async function sendClaimedEmail(claim: OutboxClaim): Promise<SendOutcome> {
  const email = await renewOutboxClaim(claim);
  if (!email) return "skipped";
  const log = logger.child({ emailId: email.id, documentId: email.documentId, attempt: claim.attempts });
  // Only a claim abandoned by a crashed deliverer gets here past the limit; a retry stops at it.
  if (claim.attempts > MAX_DELIVERY_ATTEMPTS) {
    await markOutboxEmailFailed(claim, `gave up after ${String(MAX_DELIVERY_ATTEMPTS)} attempts`);
    return "failed";
  }
  // Links are minted now, for this message only: the outbox row never holds a usable one.
  const body = renderLinks(email.body, await mintEmailLinks(email.id), appUrl());
  const delivery = await deliverEmail({ ...email, body });
  if (delivery.ok) {
    await markOutboxEmailSent(claim, delivery.messageId);
    log.info({ messageId: delivery.messageId }, "email sent");
    return "sent";
  }
  const next = afterFailure(delivery.failure, claim.attempts);
  if (next.status === "failed") {
    await markOutboxEmailFailed(claim, delivery.failure.error);
    log.warn({ error: delivery.failure.error }, "email failed for good");
    return "failed";
  }
  await markOutboxEmailForRetry(claim, delivery.failure.error, next.retryInMs);
  log.warn({ error: delivery.failure.error, retryInMs: next.retryInMs }, "email not sent; will retry");
  return "retry";
}
