import { getUnsignalled, listUnsignalled, markSignalled } from "@/db/queries/event-outbox";
import type { OutboxEvent } from "@/db/schema";
import { logger } from "@/lib/logger";
import { withTimeout } from "@/lib/timeout";
import { inngest } from "@/services/events/client";

/**
 * When to look again while no run waits for a signal yet. A run registers its wait within milliseconds of the step
 * before it, or as soon as its next call gets a concurrency slot: dense at first so a decision made while the run
 * was between the two resumes it within a second, sparse later so a run that never waits costs little.
 */
export function signalRetryDelays(): number[] {
  const delays = [5, 10, 20, 40];
  for (let waited = 75; waited < 10_000; waited += 50) delays.push(50);
  for (let waited = 10_000; waited < 60_000; waited += 250) delays.push(250);
  return delays;
}

/** Relayed signals older than this are dropped: the run's own re-reads of the task have long since seen it. */
const RELAY_HORIZON_MS = 2 * 60 * 60_000;

async function sendOnce(row: OutboxEvent): Promise<boolean> {
  if (!row.signal) return true;
  // Inngest Cloud answers a signal only with the signing key: fail at once rather than wait on a refused call.
  if (inngest.mode === "cloud" && !inngest.signingKey)
    throw new Error("cannot send signals to Inngest Cloud without INNGEST_SIGNING_KEY; set it, or INNGEST_DEV");
  const { runId } = await withTimeout(
    "sending a signal to Inngest",
    10_000,
    inngest.sendSignal({ signal: row.signal, data: row.data }),
  );
  if (runId) await markSignalled(row.eventId);
  return Boolean(runId);
}

/** How often the retries look whether the run read the decision on its own; each try in between only sends. */
const RECHECK_MS = 250;

async function keepTrying(first: OutboxEvent): Promise<void> {
  let row = first;
  let checkedAt = Date.now();
  for (const delay of signalRetryDelays()) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (Date.now() - checkedAt >= RECHECK_MS) {
      const current = await getUnsignalled(row.eventId);
      // Taken, or the run read the decision on its own: nobody waits for this signal any more.
      if (!current) return;
      row = current;
      checkedAt = Date.now();
    }
    if (await sendOnce(row)) return;
  }
}

/**
 * Sends a committed outbox row's signal now. Inngest keeps no signal for a run that is not waiting yet, so while
 * none is, it keeps trying in the background; a process that dies meanwhile leaves the row to the relay.
 */
export async function sendSignalSoon(eventId: string): Promise<void> {
  const row = await getUnsignalled(eventId);
  if (!row || (await sendOnce(row))) return;
  void keepTrying(row).catch((error: unknown) => {
    logger.warn({ eventId, err: error }, "could not deliver a signal; the relay will");
  });
}

/** Sends again the signals written before `before` that no run took yet; returns how many a run took. */
export async function relayUnsignalled(before: Date, limit = 100): Promise<number> {
  const rows = await listUnsignalled(new Date(before.getTime() - RELAY_HORIZON_MS), before, limit);
  let taken = 0;
  for (const row of rows) if (await sendOnce(row)) taken++;
  return taken;
}
