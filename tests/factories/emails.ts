import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/index";
import { queueEmail } from "@/db/queries/ledger";
import { outboxEmails, type OutboxEmail } from "@/db/schema";

/** Queues an email to an address of its own, so a test can pick out what the SMTP sink got for it. */
export async function makeQueuedEmail(): Promise<OutboxEmail> {
  const id = randomBytes(4).toString("hex");
  const idempotencyKey = `test-email:${id}`;
  await queueEmail({
    idempotencyKey,
    documentId: null,
    to: `vendor-${id}@example.test`,
    subject: `Purchase order ${id}`,
    body: `Dear vendor,\n\nplease find order ${id}.`,
  });
  return outboxEmail(idempotencyKey);
}

export async function outboxEmail(idempotencyKey: string): Promise<OutboxEmail> {
  const [row] = await db().select().from(outboxEmails).where(eq(outboxEmails.idempotencyKey, idempotencyKey));
  if (!row) throw new Error(`no outbox email ${idempotencyKey}`);
  return row;
}

/** Moves an email's clock as time passing would: its next try due now, or its claim older than the takeover limit. */
export async function ageOutboxEmail(
  id: string,
  change: { due?: true; claimAbandoned?: true; attempts?: number },
): Promise<void> {
  await db()
    .update(outboxEmails)
    .set({
      ...(change.due ? { nextAttemptAt: new Date(Date.now() - 1000) } : {}),
      ...(change.claimAbandoned ? { claimedAt: new Date(Date.now() - 6 * 60_000) } : {}),
      ...(change.attempts === undefined ? {} : { attempts: change.attempts }),
    })
    .where(eq(outboxEmails.id, id));
}
