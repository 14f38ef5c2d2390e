import { desc, eq } from "drizzle-orm";
import { db } from "../index";
import { effectAttempts, outboxEmails, payables, purchaseOrders } from "../schema";
import { recordDocumentEvent } from "./documents";

export type PostingPlan = {
  documentId: string;
  vendorId: string | null;
  purchaseOrder?: { number: string | null; currency: string; totalMinor: number; lines: unknown[] };
  payable?: { invoiceNumber: string | null; currency: string; totalMinor: number; dueDate: string | null };
  email?: { to: string; subject: string; body: string };
};

export type EffectOutcome = { effect: string; key: string; outcome: "applied" | "already_applied" };

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
          { documentId: plan.documentId, kind: "side_effect", label: `Side effect applied: ${effect}`, data: { key }, dedupeKey: `effect:${key}` },
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
      const rows = await tx
        .insert(payables)
        .values({ idempotencyKey: key, documentId: plan.documentId, vendorId: plan.vendorId, ...plan.payable })
        .onConflictDoNothing()
        .returning({ id: payables.id });
      await log("create_payable", key, rows.length > 0);
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
  const rows = await db().select({ id: outboxEmails.id }).from(outboxEmails).where(eq(outboxEmails.idempotencyKey, idempotencyKey)).limit(1);
  return rows.length > 0;
}

export async function queueEmail(email: { idempotencyKey: string; documentId: string | null; to: string; subject: string; body: string }): Promise<boolean> {
  const rows = await db().insert(outboxEmails).values(email).onConflictDoNothing().returning({ id: outboxEmails.id });
  return rows.length > 0;
}
