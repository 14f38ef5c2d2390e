import { Inngest } from "inngest";
import pino from "pino";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { testCheckpointing } from "@/engine/config";
import { startEngine, type RunningEngine } from "@/engine/index";
import { createIsolatedDatabase } from "../setup/database";
import { sendEvent, startApp, until, type TestApp } from "./helpers";

/**
 * Run timeouts are jobs in PostgreSQL like sleeps: an engine that stops before a timeout is due loses nothing, and
 * engines that come up afterwards, two at once here, fire each due timeout exactly once.
 */

const lines: Array<{ msg?: string; runId?: string }> = [];
const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line) as never) });

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

const start = (databaseUrl: string): Promise<RunningEngine> =>
  startEngine({ databaseUrl, port: 0, testTiming: true, timeScale: 0.25, logger, checkpointing: testCheckpointing() });

describe("run timeouts across an engine restart", () => {
  it("fires a start and a finish timeout that came due while no engine ran, once each", async () => {
    const db = await createIsolatedDatabase("timeouts");
    cleanup.push(db.drop);
    const sql = postgres(db.url, { max: 2, onnotice: () => {}, connection: { search_path: "inngest_engine" } });
    cleanup.push(() => sql.end({ timeout: 5 }));

    const first = await start(db.url);
    const client = new Inngest({ id: "restart", isDev: true, baseUrl: first.url });
    const throttled = client.createFunction(
      {
        id: "throttled",
        throttle: { limit: 1, period: "1h" },
        timeouts: { start: "4s" },
        triggers: [{ event: "restart/throttled" }],
      },
      ({ event }) => event.data.n as number,
    );
    const sleeper = client.createFunction(
      { id: "sleeper", timeouts: { finish: "4s" }, triggers: [{ event: "restart/sleeper" }] },
      async ({ step }) => {
        await step.sleep("long", "1h");
        return "woke";
      },
    );
    const app: TestApp = await startApp(client, [throttled, sleeper]);
    cleanup.push(app.close);
    await first.syncApp(app.url);

    const runOf = async (eventId: string) => {
      const [row] = await sql<{ id: string; status: string; first_call_at: Date | null }[]>`
        select id, status, first_call_at from runs where event_id = ${eventId}`;
      return row;
    };

    await sendEvent(client, "restart/throttled", { n: 1 });
    const queued = await sendEvent(client, "restart/throttled", { n: 2 });
    const sleeping = await sendEvent(client, "restart/sleeper");
    // The sleeper has started (its finish timer is set), the second throttled run waits an hour (scaled) to start.
    await until("the sleeper to start and the throttled run to queue", async () => {
      const [s, q] = [await runOf(sleeping), await runOf(queued)];
      return s?.first_call_at && q?.status === "Running" ? true : undefined;
    });
    await first.stop();
    const [sleeperRun, queuedRun] = [await runOf(sleeping), await runOf(queued)];
    expect(queuedRun).toMatchObject({ status: "Running", first_call_at: null });
    expect(sleeperRun?.status).toBe("Running");

    // Both timeouts (1 s scaled) come due while no engine runs.
    await new Promise((r) => setTimeout(r, 1_300));
    expect((await runOf(queued))?.status).toBe("Running");

    const engines = [await start(db.url), await start(db.url)];
    cleanup.push(() => Promise.all(engines.map((e) => e.stop())));
    const ended = await until("both runs to be cancelled", async () => {
      const rows = [await runOf(queued), await runOf(sleeping)];
      return rows.every((r) => r?.status === "Cancelled") ? rows : undefined;
    });
    expect(ended.map((r) => r?.id)).toEqual([queuedRun?.id, sleeperRun?.id]);
    for (const run of ended) {
      expect(lines.filter((l) => l.runId === run?.id && l.msg === "run timed out: cancelled")).toHaveLength(1);
      expect(await sql`select kind from jobs where run_id = ${run?.id ?? ""}`).toEqual([]);
    }
  });
});
