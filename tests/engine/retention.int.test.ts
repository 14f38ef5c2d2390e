import { NonRetriableError } from "inngest";
import { describe, expect, it } from "vitest";
import { pruneExpired } from "@/engine/retention";
import { finishedRun, getJson, runWaiting, startTestEngine, until, withEngineApp } from "./helpers";

const WEEK = 7 * 86_400_000;

const harness = withEngineApp("retention-app", (client) => [
  client.createFunction({ id: "quick", triggers: [{ event: "ret/quick" }] }, async ({ step }) => {
    await step.run("a", () => 1);
    return "done";
  }),
  client.createFunction({ id: "fails", triggers: [{ event: "ret/fails" }] }, async ({ step }) => {
    await step.run("boom", () => {
      throw new NonRetriableError("no");
    });
  }),
  client.createFunction({ id: "waits", triggers: [{ event: "ret/wait" }] }, async ({ event, step }) => {
    await step.run("before", () => 1);
    const got = await step.waitForEvent("go", { event: "ret/go", timeout: "1h", match: "data.k" });
    return { k: event.data.k as string, got: (got?.data.k as string | undefined) ?? null };
  }),
  client.createFunction({ id: "once", idempotency: "event.data.k", triggers: [{ event: "ret/once" }] }, () => "ran"),
]);

async function runOf(eventId: string): Promise<string> {
  return (await finishedRun(harness().engine.url, eventId)).run_id;
}

/** Moves a run and the event that started it `days` into the past, as if that much time had gone by. */
async function age(runId: string, days: number) {
  const { engine } = harness();
  await engine.sql`
    update runs set started_at = started_at - ${days} * interval '1 day',
                    ended_at = ended_at - ${days} * interval '1 day'
    where id = ${runId}`;
  await engine.sql`
    update events set received_at = received_at - ${days} * interval '1 day'
    where internal_id = (select event_id from runs where id = ${runId})`;
}

const eventExists = async (internalId: string) =>
  (await harness().engine.sql`select 1 from events where internal_id = ${internalId}`).length > 0;

/** What is stored of a run and of the event `eventId` that started it. */
async function rowsOf(runId: string, eventId: string) {
  const [row] = await harness().engine.sql<{ runs: number; steps: number; attempts: number }[]>`
    select (select count(*)::int from runs where id = ${runId}) as runs,
           (select count(*)::int from run_steps where run_id = ${runId}) as steps,
           (select count(*)::int from attempts where run_id = ${runId}) as attempts`;
  return { ...row, event: await eventExists(eventId) };
}

describe("retention", () => {
  it("prunes old finished runs with their steps, attempts and events, and keeps running and recent ones", async () => {
    const { engine, send } = harness();
    const started = async (name: string, data: Record<string, unknown> = {}) => {
      const eventId = await send(name, data);
      return { eventId, runId: name === "ret/wait" ? await runWaiting(engine, eventId) : await runOf(eventId) };
    };
    const completed = await started("ret/quick");
    const failed = await started("ret/fails");
    const waiting = await started("ret/wait", { k: "old-wait" });
    const cancelled = await started("ret/wait", { k: "cancel-me" });
    await fetch(`${engine.url}/v1/runs/${cancelled.runId}`, { method: "DELETE" });
    const recent = await started("ret/quick");
    for (const run of [completed, failed, waiting, cancelled]) await age(run.runId, 8);
    const before = await rowsOf(completed.runId, completed.eventId);
    expect(before).toMatchObject({ runs: 1, event: true });
    expect(before.steps).toBeGreaterThan(0);
    expect(before.attempts).toBeGreaterThan(0);
    const waitingBefore = await rowsOf(waiting.runId, waiting.eventId);

    const pruned = await pruneExpired(engine.sql, { retentionMs: WEEK, runBatch: 2, eventBatch: 2 });

    expect(pruned.runs).toBe(3);
    for (const run of [completed, failed, cancelled]) {
      expect(await rowsOf(run.runId, run.eventId)).toEqual({ runs: 0, steps: 0, attempts: 0, event: false });
    }
    // Its event is as old, but the run still waiting needs it.
    expect(await rowsOf(waiting.runId, waiting.eventId)).toEqual(waitingBefore);
    expect(await rowsOf(recent.runId, recent.eventId)).toMatchObject({ runs: 1, event: true });

    await send("ret/go", { k: "old-wait" });
    expect(await finishedRun(engine.url, waiting.eventId)).toMatchObject({
      status: "Completed",
      output: { k: "old-wait", got: "old-wait" },
    });
  });

  it("keeps an old event while its dedupe window holds its id, and prunes it with the window once expired", async () => {
    const { engine, send, client } = harness();
    const { ids } = await client.send({ id: `order-${String(Date.now())}`, name: "ret/nobody", data: {} });
    const internalId = ids[0] as string;
    const orphan = await send("ret/nobody");
    await engine.sql`update events set received_at = now() - interval '8 days' where internal_id in ${engine.sql([internalId, orphan])}`;

    await pruneExpired(engine.sql, { retentionMs: WEEK });
    expect(await eventExists(orphan)).toBe(false);
    expect(await eventExists(internalId)).toBe(true);

    await engine.sql`update event_ids set expires_at = now() - interval '1 second' where internal_id = ${internalId}`;
    const pruned = await pruneExpired(engine.sql, { retentionMs: WEEK });
    expect(await eventExists(internalId)).toBe(false);
    expect(pruned.expiredKeys).toBeGreaterThanOrEqual(1);
    expect(await engine.sql`select 1 from event_ids where internal_id = ${internalId}`).toHaveLength(0);
  });

  it("keeps an idempotency window open after the run it let through is pruned", async () => {
    const { engine, send } = harness();
    const first = await runOf(await send("ret/once", { k: "k1" }));
    await age(first, 8);
    await pruneExpired(engine.sql, { retentionMs: WEEK });
    expect(await engine.sql`select 1 from runs where id = ${first}`).toHaveLength(0);

    const again = await send("ret/once", { k: "k1" });
    const other = await send("ret/once", { k: "k2" });
    await finishedRun(engine.url, other);
    const { data } = await getJson<{ data: unknown[] }>(`${engine.url}/v1/events/${again}/runs`);
    expect(data).toEqual([]);
  });

  it("prunes on a timer shortly after an engine starts", async () => {
    const { engine, send } = harness();
    const eventId = await send("ret/quick");
    const old = await runOf(eventId);
    await age(old, 30);
    const second = await startTestEngine({ databaseUrl: engine.databaseUrl, retentionDays: 7 });
    try {
      await until("the old run to be pruned", async () => (await rowsOf(old, eventId)).runs === 0);
    } finally {
      await second.close();
    }
  });
});
