import { and, asc, eq, gt, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { db, type Executor } from "../index";
import { eventOutbox, type NewOutboxEvent, type OutboxEvent } from "../schema";

/** Writes an event to send once the surrounding transaction commits; the same event id is written once. */
export async function queueEvent(event: NewOutboxEvent, tx: Executor = db()): Promise<void> {
  await tx.insert(eventOutbox).values(event).onConflictDoNothing();
}

export async function getUnsentEvent(eventId: string): Promise<OutboxEvent | undefined> {
  const [row] = await db()
    .select()
    .from(eventOutbox)
    .where(and(eq(eventOutbox.eventId, eventId), isNull(eventOutbox.sentAt)));
  return row;
}

/** Events still unsent that were written before `before`: the ones whose sender gave up or died. */
export async function listUnsentEvents(before: Date, limit = 100): Promise<OutboxEvent[]> {
  return db()
    .select()
    .from(eventOutbox)
    .where(and(isNull(eventOutbox.sentAt), lt(eventOutbox.createdAt, before)))
    .orderBy(asc(eventOutbox.createdAt))
    .limit(limit);
}

export async function markEventsSent(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db().update(eventOutbox).set({ sentAt: new Date() }).where(inArray(eventOutbox.id, ids));
}

/** An outbox row whose signal no run has taken yet, nor made moot by reading what it announces. */
export async function getUnsignalled(eventId: string): Promise<OutboxEvent | undefined> {
  const [row] = await db()
    .select()
    .from(eventOutbox)
    .where(and(eq(eventOutbox.eventId, eventId), isNotNull(eventOutbox.signal), isNull(eventOutbox.signalledAt)));
  return row;
}

/** Signals still undelivered that were written between `after` and `before`, oldest first. */
export async function listUnsignalled(after: Date, before: Date, limit = 100): Promise<OutboxEvent[]> {
  return db()
    .select()
    .from(eventOutbox)
    .where(
      and(
        isNotNull(eventOutbox.signal),
        isNull(eventOutbox.signalledAt),
        gt(eventOutbox.createdAt, after),
        lt(eventOutbox.createdAt, before),
      ),
    )
    .orderBy(asc(eventOutbox.createdAt))
    .limit(limit);
}

/** The signal reached its run, or the run read the change without it: nobody sends it again. */
export async function markSignalled(eventId: string): Promise<void> {
  await db()
    .update(eventOutbox)
    .set({ signalledAt: new Date() })
    .where(and(eq(eventOutbox.eventId, eventId), isNull(eventOutbox.signalledAt)));
}
