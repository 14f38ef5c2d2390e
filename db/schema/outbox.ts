import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Events written in the same transaction as the change they announce (a task resolved), sent after the commit and
 * marked sent. One the app could not send (it died, the engine was down) is sent again by the relay; its event id
 * makes a second delivery of a delivered event a no-op.
 */
export const eventOutbox = pgTable(
  "event_outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    name: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    eventId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    /**
     * A signal that resumes the one run waiting on it, sent with the event. Inngest keeps no signal sent before
     * the run waits, so it is sent again until a run takes it or the run has read what it announces (signalledAt).
     */
    signal: text(),
    signalledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("event_outbox_event_id_key").on(t.eventId),
    index("event_outbox_unsent_idx")
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
    index("event_outbox_unsignalled_idx")
      .on(t.createdAt)
      .where(sql`${t.signal} is not null and ${t.signalledAt} is null`),
  ],
);

export type OutboxEvent = typeof eventOutbox.$inferSelect;
export type NewOutboxEvent = Pick<typeof eventOutbox.$inferInsert, "name" | "data" | "eventId" | "signal">;
