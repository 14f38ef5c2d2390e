import { describe, expect, it } from "vitest";
import { finishedRun, runWaiting, until, withEngineApp } from "./helpers";

// Durations past 2^31 - 1 ms (about 24.8 days) once overflowed 32-bit casts; real time scale, so none is shrunk.
const DAY = 86_400_000;

/** A yearly schedule whose next tick is `days` from now, so it is always far beyond 2^31 ms whatever today is. */
function yearlyCronIn(days: number): { cron: string; at: Date } {
  const day = new Date(Date.now() + days * DAY);
  const at = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  return { cron: `0 0 ${String(at.getUTCDate())} ${String(at.getUTCMonth() + 1)} *`, at };
}
const far = yearlyCronIn(200);

// The sync itself once failed: the first tick's delay overflowed an int4.
const harness = withEngineApp(
  "long-app",
  (client) => [
    client.createFunction({ id: "monthly", triggers: [{ cron: "0 0 1 * *" }] }, () => "tick"),
    client.createFunction({ id: "yearly", triggers: [{ cron: far.cron }] }, () => "tick"),
    client.createFunction({ id: "month-sleep", triggers: [{ event: "long/sleep" }] }, async ({ step }) => {
      await step.sleep("a-month", "31d");
      return "awake";
    }),
    client.createFunction({ id: "long-wait", triggers: [{ event: "long/wait" }] }, async ({ event, step }) => {
      const got = await step.waitForEvent("reply", {
        event: "long/reply",
        timeout: "40d",
        if: `async.data.k == '${event.data.k as string}'`,
      });
      return got?.data ?? null;
    }),
  ],
  { timeScale: 1 },
);

/** When the job stored under this key is due, in ms since the epoch. */
async function jobDueAt(key: string): Promise<number | undefined> {
  const [row] = await harness().engine.sql<{ run_at: Date }[]>`select run_at from jobs where job_key = ${key}`;
  return row?.run_at.getTime();
}

describe("timers longer than 2^31 ms", () => {
  it("syncs an app with a monthly cron and schedules each cron's next tick at its time", async () => {
    const now = new Date();
    const firstOfNextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    expect(await jobDueAt("cron:long-app-monthly:0 0 1 * *")).toBeCloseTo(firstOfNextMonth, -3);
    const yearly = await jobDueAt(`cron:long-app-yearly:${far.cron}`);
    expect(yearly).toBeCloseTo(far.at.getTime(), -3);
    expect((yearly ?? 0) - Date.now()).toBeGreaterThan(2 ** 31);
  });

  it("schedules a 31-day step.sleep 31 days ahead, and wakes it with the step's real duration", async () => {
    const { engine, send } = harness();
    const id = await send("long/sleep");
    const runId = await runWaiting(engine, id, "sleeping");
    const [job] = await engine.sql<{ job_key: string; run_at: Date }[]>`
      select job_key, run_at from jobs where run_id = ${runId} and kind = 'sleep'`;
    expect(job?.run_at.getTime()).toBeCloseTo(Date.now() + 31 * DAY, -4);

    // Let the month pass in the database rather than waiting it out.
    await engine.sql`update run_steps set started_at = started_at - interval '31 days' where run_id = ${runId}`;
    await engine.sql`update jobs set run_at = now() where job_key = ${job?.job_key ?? ""}`;
    expect(await finishedRun(engine.url, id)).toMatchObject({ status: "Completed", output: "awake" });
    const [step] = await engine.sql<{ duration_ms: string }[]>`
      select duration_ms from run_steps where run_id = ${runId} and kind = 'sleep'`;
    expect(Number(step?.duration_ms)).toBeGreaterThanOrEqual(31 * DAY);
  });

  it("waits 40 days for an event and still resumes as soon as it arrives", async () => {
    const { engine, send } = harness();
    const id = await send("long/wait", { k: "w1" });
    const runId = await runWaiting(engine, id);
    const [pause] = await engine.sql<{ expires_at: Date }[]>`select expires_at from pauses where run_id = ${runId}`;
    expect(pause?.expires_at.getTime()).toBeCloseTo(Date.now() + 40 * DAY, -4);
    const timeout = await until("the wait's timeout job", async () => {
      const [row] = await engine.sql<{ run_at: Date }[]>`
        select run_at from jobs where run_id = ${runId} and kind = 'wait_timeout'`;
      return row?.run_at.getTime();
    });
    expect(timeout).toBeCloseTo(Date.now() + 40 * DAY, -4);

    await send("long/reply", { k: "w1", answer: 42 });
    expect(await finishedRun(engine.url, id)).toMatchObject({ status: "Completed", output: { k: "w1", answer: 42 } });
  });
});
