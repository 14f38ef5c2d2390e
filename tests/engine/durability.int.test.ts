import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Inngest } from "inngest";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/db/embedded";
import { findFreePort, isPortFree } from "@/lib/net";
import { createIsolatedDatabase } from "../setup/database";
import { createDurableFunction, DURABLE_STEPS, expectedOutput } from "./fixtures/durable-functions";
import { startApp, startTestEngine, until } from "./helpers";
import { pause, randomBetween, startTsProcess, unexplainedReexecutions, type Child, type Outage } from "./processes";

const RUNS = 8;
const CRASHES = 5;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  // Cleanups stop processes and drop databases; generous because a crashed child may hold connections.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
}, 60_000);

async function sendRuns(client: Inngest.Any) {
  for (let n = 0; n < RUNS; n++) await client.send({ name: "durable/start", data: { n } });
}

/**
 * Polls the engine's tables directly (its HTTP API may be down), with a fresh connection each time: a connection
 * opened while PostgreSQL restarts can be left unusable by the driver (porsager/postgres#1208).
 */
async function allRunsCompleted(databaseUrl: string) {
  let lastError = "";
  try {
    return await until(
      `${RUNS} completed runs`,
      async () => {
        const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
        try {
          const rows = await sql<{ status: string; output: { n: number; e: number } }[]>`
            select status, output from inngest_engine.runs where function_id like '%-durable'`;
          lastError = `${rows.filter((r) => r.status === "Running").length} of ${rows.length} runs still running`;
          return rows.length === RUNS && rows.every((r) => r.status !== "Running") ? rows : undefined;
        } catch (error) {
          lastError = String(error);
          return undefined;
        } finally {
          await sql.end({ timeout: 0 });
        }
      },
      90_000,
    );
  } catch (error) {
    throw new Error(`${String(error)} (last poll: ${lastError})`, { cause: error });
  }
}

/** The engine only knows the old address: restarting on another port (still held a moment) would strand it. */
async function restartOnSamePort(dataDir: string, port: number) {
  await until(`port ${port} free`, async () => (await isPortFree(port)) || undefined, 30_000);
  const pg = await startEmbeddedPostgres({ dataDir, database: "engine", port });
  expect(pg.port).toBe(port);
  return pg;
}

function assertDurable(
  rows: Array<{ status: string; output: { n: number; e: number } }>,
  executions: Map<string, number[]>,
  crashes: Outage[],
) {
  expect(rows.map((r) => r.status)).toEqual(Array(RUNS).fill("Completed"));
  expect(rows.map((r) => r.output).sort((a, b) => a.n - b.n)).toEqual(
    Array.from({ length: RUNS }, (_, n) => expectedOutput(n)),
  );
  for (let n = 0; n < RUNS; n++) {
    for (const step of DURABLE_STEPS) expect(executions.get(`${n}:${step}`)?.length ?? 0).toBeGreaterThanOrEqual(1);
  }
  expect(unexplainedReexecutions(executions, crashes)).toEqual([]);
  if (process.env.ENGINE_TEST_LOG) {
    const reruns = [...executions.values()].reduce((sum, times) => sum + times.length - 1, 0);
    console.log(`${crashes.length} outages, ${reruns} in-flight step re-executions`);
  }
}

describe("durability", () => {
  it("completes every run, re-running only in-flight steps, when the engine is SIGKILLed repeatedly", async () => {
    const db = await createIsolatedDatabase("crash");
    cleanups.push(db.drop);
    const enginePort = await findFreePort();
    const engineUrl = `http://127.0.0.1:${enginePort}`;
    const executions = new Map<string, number[]>();
    const client = new Inngest({ id: "crash-engine", isDev: true, baseUrl: engineUrl });
    const app = await startApp(client, [
      createDurableFunction(client, (key) => executions.set(key, [...(executions.get(key) ?? []), Date.now()])),
    ]);
    cleanups.push(app.close);
    const env = {
      ENGINE_DATABASE_URL: db.url,
      ENGINE_PORT: String(enginePort),
      ENGINE_TEST_TIMING: "1",
      ENGINE_LOG_LEVEL: "error",
      ENGINE_APP_URLS: app.url,
      INNGEST_SIGNING_KEY: "",
    };
    const start = () => startTsProcess("scripts/engine.ts", env, /Inngest engine listening/);
    let engine: Child = await start();
    cleanups.push(() => engine.kill());
    await until("the app synced", async () => {
      const res = await fetch(`${engineUrl}/v1/events/none/runs`).catch(() => undefined);
      const sql = postgres(db.url, { max: 1, onnotice: () => {} });
      const rows = await sql`select 1 from inngest_engine.functions`.catch(() => []);
      await sql.end();
      return res?.ok && rows.length > 0;
    });
    await sendRuns(client);

    const crashes: Outage[] = [];
    for (let i = 0; i < CRASHES; i++) {
      await pause(randomBetween(100, 900));
      const down = Date.now();
      await engine.kill();
      await pause(randomBetween(0, 200));
      engine = await start();
      crashes.push({ down, up: Date.now() });
    }
    assertDurable(await allRunsCompleted(db.url), executions, crashes);
  }, 150_000);

  it("completes every run when the app process is SIGKILLed mid-call repeatedly", async () => {
    const engine = await startTestEngine();
    cleanups.push(engine.close);
    const dir = mkdtempSync(path.join(os.tmpdir(), "engine-app-crash-"));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const logFile = path.join(dir, "executions.log");
    writeFileSync(logFile, "");
    const appPort = await findFreePort();
    const env = { APP_PORT: String(appPort), ENGINE_URL: engine.url, LOG_FILE: logFile };
    const start = () => startTsProcess("tests/engine/fixtures/crash-app.ts", env, /app listening/);
    let app: Child = await start();
    cleanups.push(() => app.kill());
    await engine.syncApp(`http://127.0.0.1:${appPort}/api/inngest`);
    const client = new Inngest({ id: "crash-app", isDev: true, baseUrl: engine.url });
    await sendRuns(client);

    const crashes: Outage[] = [];
    for (let i = 0; i < CRASHES; i++) {
      await pause(randomBetween(100, 900));
      const down = Date.now();
      await app.kill();
      await pause(randomBetween(0, 300));
      app = await start();
      crashes.push({ down, up: Date.now() });
    }
    const rows = await allRunsCompleted(engine.databaseUrl);
    const executions = new Map<string, number[]>();
    for (const line of readFileSync(logFile, "utf8").split("\n").filter(Boolean)) {
      const [key = "", at = "0"] = line.split(" ");
      executions.set(key, [...(executions.get(key) ?? []), Number(at)]);
    }
    assertDurable(rows, executions, crashes);
  }, 150_000);

  it("completes every run when PostgreSQL restarts repeatedly under load", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "engine-pg-restart-"));
    let pg = await startEmbeddedPostgres({ dataDir, database: "engine" });
    const port = pg.port;
    cleanups.push(async () => {
      await pg.stop().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    });
    const enginePort = await findFreePort();
    const engineUrl = `http://127.0.0.1:${enginePort}`;
    const executions = new Map<string, number[]>();
    const client = new Inngest({ id: "crash-pg", isDev: true, baseUrl: engineUrl });
    const app = await startApp(client, [
      createDurableFunction(client, (key) => executions.set(key, [...(executions.get(key) ?? []), Date.now()])),
    ]);
    cleanups.push(app.close);
    // The engine runs as the CLI does in production, with its handler for the driver's reconnect bug.
    const engine = await startTsProcess(
      "scripts/engine.ts",
      {
        ENGINE_DATABASE_URL: pg.url,
        ENGINE_PORT: String(enginePort),
        ENGINE_TEST_TIMING: "1",
        ENGINE_LOG_LEVEL: "warn",
        ENGINE_APP_URLS: app.url,
        INNGEST_SIGNING_KEY: "",
      },
      /Inngest engine listening/,
    );
    cleanups.push(() => engine.kill());
    await until("the app synced", async () => {
      const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      const rows = await sql`select 1 from inngest_engine.functions`.catch(() => []);
      await sql.end();
      return rows.length > 0;
    });
    await sendRuns(client);

    const crashes: Outage[] = [];
    for (let i = 0; i < 3; i++) {
      await pause(randomBetween(100, 700));
      const down = Date.now();
      await pg.stop();
      await pause(randomBetween(0, 300));
      pg = await restartOnSamePort(dataDir, port);
      // The engine notices a dead pool only after its database deadline, so the outage lasts until then.
      crashes.push({ down, up: Date.now() + 6_000 });
    }
    const rows = await allRunsCompleted(pg.url).catch((error: unknown) => {
      throw new Error(`${String(error)}\nengine output:\n${engine.output().slice(-6000)}`);
    });
    assertDurable(rows, executions, crashes);
    expect(engine.process.exitCode).toBeNull();
  }, 150_000);
});

describe("several engines on one database", () => {
  it("share the queue: every run completes and, with no crash, every step executes exactly once", async () => {
    // An engine runs the calls it queues itself while it has room (direct dispatch); one place makes it overflow.
    const first = await startTestEngine({ workers: 1 });
    cleanups.push(first.close);
    const second = await startTestEngine({ databaseUrl: first.databaseUrl });
    cleanups.push(second.close);
    const executions = new Map<string, number[]>();
    const client = new Inngest({ id: "shared", isDev: true, baseUrl: first.url });
    const app = await startApp(client, [
      createDurableFunction(client, (key) => executions.set(key, [...(executions.get(key) ?? []), Date.now()])),
    ]);
    cleanups.push(app.close);
    await second.syncApp(app.url);
    await sendRuns(client);
    assertDurable(await allRunsCompleted(first.databaseUrl), executions, []);
    const engines = await first.sql<{ n: number }[]>`select count(distinct engine_id)::int as n from attempts`;
    expect(engines[0]?.n).toBe(2);
  }, 60_000);
});
