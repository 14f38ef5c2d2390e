import { and, asc, desc, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { PurchaseOrderLine } from "@/domain/rules/context";
import { documentTimeline } from "@/domain/timeline";
import { db } from "../index";
import { effectAttempts, outboxEmails, payableKeys, payables, purchaseOrders, type OutboxEmail } from "../schema";
import { recordDocumentEvent } from "./documents";

export type PostingPlan = {
  documentId: string;
  vendorId: string | null;
  purchaseOrder?: { number: string | null; currency: string; totalMinor: number; lines: PurchaseOrderLine[] };
  /** `keys`: the seller + invoice number keys no other payable may hold (`payableKeys` in domain/rules/identity.ts). */
  payable?: {
    invoiceNumber: string | null;
    currency: string;
    totalMinor: number;
    dueDate: string | null;
    keys: string[];
  };
  email?: { to: string; subject: string; body: string };
};

/** The payable already in the ledger for the same seller and invoice number. */
export type DuplicatePayable = { payableId: string; documentId: string; invoiceNumber: string | null; key: string };

export type EffectOutcome =
  | { effect: string; key: string; outcome: "applied" | "already_applied" }
  | { effect: string; key: string; outcome: "refused"; duplicateOf: DuplicatePayable };

/** Thrown inside the payable's savepoint to undo it; never leaves this module. */
class PayableRefused extends Error {
  constructor(readonly duplicateOf: DuplicatePayable) {
    super("payable refused");
  }
}

/**
 * Applies a document's side effects in one transaction, each under its own idempotency key with its attempt
 * logged: a step that runs twice (a crash after commit, a retry) finds every effect already applied.
 */
export async function postDocumentEffects(plan: PostingPlan): Promise<EffectOutcome[]> {
  return db().transaction(async (tx) => {
    const outcomes: EffectOutcome[] = [];
    const log = async (effect: string, key: string, applied: boolean) => {
      const outcome = applied ? "applied" : "already_applied";
      outcomes.push({ effect, key, outcome });
      await tx.insert(effectAttempts).values({ idempotencyKey: key, effect, documentId: plan.documentId, outcome });
      if (applied) {
        await recordDocumentEvent(
          {
            documentId: plan.documentId,
            kind: "side_effect",
            label: documentTimeline.effectApplied(effect),
            data: { key },
            dedupeKey: `effect:${key}`,
          },
          tx,
        );
      }
    };
    if (plan.purchaseOrder) {
      const key = `post:${plan.documentId}:purchase_order`;
      const rows = await tx
        .insert(purchaseOrders)
        .values({ idempotencyKey: key, documentId: plan.documentId, vendorId: plan.vendorId, ...plan.purchaseOrder })
        .onConflictDoNothing()
        .returning({ id: purchaseOrders.id });
      await log("create_purchase_order", key, rows.length > 0);
    }
    if (plan.payable) {
      const key = `post:${plan.documentId}:payable`;
      const { keys, ...payable } = plan.payable;
      try {
        // A savepoint: a payable refused as a duplicate is undone, and the attempt is still logged below.
        const applied = await tx.transaction(async (savepoint) => {
          const [row] = await savepoint
            .insert(payables)
            .values({ idempotencyKey: key, documentId: plan.documentId, vendorId: plan.vendorId, ...payable })
            .onConflictDoNothing()
            .returning({ id: payables.id });
          if (!row) return false;
          // Sorted, so two postings racing take the keys' locks in one order and cannot deadlock; the second waits
          // for the first to commit, then finds its keys taken.
          const sorted = [...new Set(keys)].sort();
          if (sorted.length > 0) {
            await savepoint
              .insert(payableKeys)
              .values(sorted.map((k) => ({ key: k, payableId: row.id })))
              .onConflictDoNothing();
            const [taken] = await savepoint
              .select({
                key: payableKeys.key,
                payableId: payables.id,
                documentId: payables.documentId,
                invoiceNumber: payables.invoiceNumber,
              })
              .from(payableKeys)
              .innerJoin(payables, eq(payables.id, payableKeys.payableId))
              .where(and(inArray(payableKeys.key, sorted), ne(payableKeys.payableId, row.id)))
              .orderBy(asc(payables.createdAt))
              .limit(1);
            if (taken) throw new PayableRefused(taken);
          }
          return true;
        });
        await log("create_payable", key, applied);
      } catch (error) {
        if (!(error instanceof PayableRefused)) throw error;
        outcomes.push({ effect: "create_payable", key, outcome: "refused", duplicateOf: error.duplicateOf });
        await tx
          .insert(effectAttempts)
          .values({ idempotencyKey: key, effect: "create_payable", documentId: plan.documentId, outcome: "refused" });
        await recordDocumentEvent(
          {
            documentId: plan.documentId,
            kind: "side_effect",
            label: documentTimeline.payableRefused(error.duplicateOf),
            data: { key, duplicateOf: error.duplicateOf },
            dedupeKey: `effect-refused:${key}`,
          },
          tx,
        );
      }
    }
    if (plan.email) {
      const key = `post:${plan.documentId}:email`;
      const rows = await tx
        .insert(outboxEmails)
        .values({ idempotencyKey: key, documentId: plan.documentId, ...plan.email })
        .onConflictDoNothing()
        .returning({ id: outboxEmails.id });
      await log("queue_email", key, rows.length > 0);
    }
    return outcomes;
  });
}

export async function listPayablesForDocument(documentId: string) {
  return db().select().from(payables).where(eq(payables.documentId, documentId));
}

export async function listPurchaseOrdersForDocument(documentId: string) {
  return db().select().from(purchaseOrders).where(eq(purchaseOrders.documentId, documentId));
}

export async function listEffectAttempts(documentId: string) {
  return db().select().from(effectAttempts).where(eq(effectAttempts.documentId, documentId)).orderBy(effectAttempts.id);
}

/** The newest emails Keel has queued, for the mailbox page. */
export async function listOutboxEmails(limit = 100) {
  return db().select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
}

export async function outboxEmailExists(idempotencyKey: string): Promise<boolean> {
  const rows = await db()
    .select({ id: outboxEmails.id })
    .from(outboxEmails)
    .where(eq(outboxEmails.idempotencyKey, idempotencyKey))
    .limit(1);
  return rows.length > 0;
}

export async function queueEmail(email: {
  idempotencyKey: string;
  documentId: string | null;
  to: string;
  subject: string;
  body: string;
}): Promise<boolean> {
  const rows = await db().insert(outboxEmails).values(email).onConflictDoNothing().returning({ id: outboxEmails.id });
  return rows.length > 0;
}

/** A claim is the email's id and the attempt it counted: a later claim of the same email fences out an older one. */
export type OutboxClaim = { id: string; attempts: number };

/**
 * Takes up to `limit` emails due for delivery — queued and due, or claimed so long ago that their deliverer must
 * have died — and marks them sending, counting the attempt. SKIP LOCKED lets concurrent deliverers split the
 * outbox instead of waiting on each other; each email goes to exactly one of them.
 */
export async function claimOutboxEmails(limit: number): Promise<OutboxClaim[]> {
  const due = db()
    .select({ id: outboxEmails.id })
    .from(outboxEmails)
    .where(
      or(
        and(
          eq(outboxEmails.status, "queued"),
          or(isNull(outboxEmails.nextAttemptAt), lte(outboxEmails.nextAttemptAt, sql`now()`)),
        ),
        and(eq(outboxEmails.status, "sending"), lt(outboxEmails.claimedAt, sql`now() - interval '5 minutes'`)),
      ),
    )
    .orderBy(outboxEmails.createdAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db()
    .update(outboxEmails)
    .set({ status: "sending", claimedAt: sql`now()`, attempts: sql`${outboxEmails.attempts} + 1` })
    .where(inArray(outboxEmails.id, due))
    .returning({ id: outboxEmails.id, attempts: outboxEmails.attempts });
}

/** Changes an email only while the claim still holds, so a late or repeated mark changes nothing. */
async function updateHeldClaim(
  claim: OutboxClaim,
  values: PgUpdateSetSource<typeof outboxEmails>,
): Promise<OutboxEmail | undefined> {
  const [row] = await db()
    .update(outboxEmails)
    .set(values)
    .where(
      and(eq(outboxEmails.id, claim.id), eq(outboxEmails.status, "sending"), eq(outboxEmails.attempts, claim.attempts)),
    )
    .returning();
  return row;
}

/**
 * The email to send if the claim still holds, its clock restarted so nobody takes it over mid-send; undefined
 * when it was marked since or claimed again by another deliverer.
 */
export async function renewOutboxClaim(claim: OutboxClaim): Promise<OutboxEmail | undefined> {
  return updateHeldClaim(claim, { claimedAt: sql`now()` });
}

export async function markOutboxEmailSent(claim: OutboxClaim, messageId: string): Promise<boolean> {
  return Boolean(
    await updateHeldClaim(claim, {
      status: "sent",
      messageId,
      sentAt: sql`now()`,
      lastError: null,
      nextAttemptAt: null,
    }),
  );
}

/** Back to the queue, due again after `retryInMs` by the database's clock, the one the claim compares with. */
export async function markOutboxEmailForRetry(claim: OutboxClaim, error: string, retryInMs: number): Promise<boolean> {
  const nextAttemptAt = sql`now() + ${retryInMs} * interval '1 millisecond'`;
  return Boolean(await updateHeldClaim(claim, { status: "queued", lastError: error, nextAttemptAt, claimedAt: null }));
}

export async function markOutboxEmailFailed(claim: OutboxClaim, error: string): Promise<boolean> {
  return Boolean(await updateHeldClaim(claim, { status: "failed", lastError: error, nextAttemptAt: null }));
}
