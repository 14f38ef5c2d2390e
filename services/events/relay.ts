import { getUnsentEvent, listUnsentEvents, markEventsSent } from "@/db/queries/event-outbox";
import type { OutboxEvent } from "@/db/schema";
import { sendEvents } from "@/services/events/send";

async function send(events: OutboxEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  await sendEvents(events.map((e) => ({ name: e.name, data: e.data, id: e.eventId })));
  await markEventsSent(events.map((e) => e.id));
  return events.length;
}

/** Sends one event from the outbox right after the commit that wrote it. Throws when the send fails; the relay retries. */
export async function relayEvent(eventId: string): Promise<void> {
  const event = await getUnsentEvent(eventId);
  if (event) await send([event]);
}

/** Sends what was written before `before` and is still unsent, oldest first; returns how many. */
export async function relayUnsentEvents(before: Date, limit = 100): Promise<number> {
  return send(await listUnsentEvents(before, limit));
}
