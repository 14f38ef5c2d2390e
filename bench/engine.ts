/**
 * Engine benchmark: `npm run bench:engine`. Prints figures, asserts nothing.
 * Uses ENGINE_DATABASE_URL / DATABASE_URL when set (a scratch database: it creates the engine schema there),
 * otherwise an embedded PostgreSQL in a temporary folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Inngest } from "inngest";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@/db/embedded";
import { configuredDatabaseUrl } from "@/engine/config";
import { startEngine, type RunningEngine } from "@/engine/index";
import { startApp } from "@/tests/engine/app-server";

const STEPS = 20;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** signal -> waiting run resumed: a run waits in step.waitForSignal, the client sends its signal. Its own app. */
async function signalLatencies(engine: RunningEngine, sql: postgres.Sql): Promise<number[]> {
  const client = new Inngest({ id: "bench-signals", isDev: true, baseUrl: engine.url });
  const resumedAt = new Map<string, number>();
  const waiter = client.createFunction(
    { id: "signal-waiter", retries: 0, triggers: [{ event: "bench/signal-wait" }] },
    async ({ event, step }) => {
      await step.waitForSignal("resume", {
        signal: `bench/${event.data.k as string}`,
        timeout: "1h",
        onConflict: "fail",
      });
      await step.run("resumed", () => {
        resumedAt.set(event.data.k as string, performance.now());
      });
    },
  );
  const app = await startApp(client, [waiter]);
  await engine.syncApp(app.url);
  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const k = `s${i}`;
    await client.send({ name: "bench/signal-wait", data: { k } });
    for (;;) {
      const rows =
        await sql`select 1 from inngest_engine.pauses where kind = 'signal' and event_name = ${`bench/${k}`}`;
      if (rows.length > 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    const sentAt = performance.now();
    await client.sendSignal({ signal: `bench/${k}`, data: {} });
    while (!resumedAt.has(k)) await new Promise((r) => setTimeout(r, 1));
    latencies.push((resumedAt.get(k) as number) - sentAt);
  }
  await app.close();
  return latencies;
}

async function main() {
  let databaseUrl = configuredDatabaseUrl();
  let stopDb = async () => {};
  if (!databaseUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "engine-bench-"));
    const pg = await startEmbeddedPostgres({ dataDir: dir, database: "bench" });
    databaseUrl = pg.url;
    stopDb = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });

  // One synced commit: a single-row insert in its own transaction with synchronous_commit on.
  await sql`create table if not exists bench_commit (id serial primary key, at timestamptz default now())`;
  await sql`set synchronous_commit = on`;
  const commitSamples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    await sql`insert into bench_commit default values`;
    commitSamples.push(performance.now() - t);
  }
  const commitMs = percentile(commitSamples, 50);

  const engine = await startEngine({ databaseUrl, port: 0, logLevel: "warn", workers: 32 });
  const client = new Inngest({ id: "bench", isDev: true, baseUrl: engine.url });
  const resumedAt = new Map<string, number>();
  const chain = client.createFunction(
    { id: "chain", retries: 0, triggers: [{ event: "bench/chain" }] },
    async ({ step }) => {
      let total = 0;
      for (let i = 0; i < STEPS; i++) total = await step.run(`s${i}`, () => total + 1);
      return total;
    },
  );
  const waiter = client.createFunction(
    { id: "waiter", retries: 0, triggers: [{ event: "bench/wait" }] },
    async ({ event, step }) => {
      await step.waitForEvent("resume", { event: "bench/resume", timeout: "1h", match: "data.k" });
      await step.run("resumed", () => {
        resumedAt.set(event.data.k as string, performance.now());
      });
    },
  );
  const app = await startApp(client, [chain, waiter]);
  await engine.syncApp(app.url);

  const runAll = async (count: number) => {
    const events = Array.from({ length: count }, () => ({ name: "bench/chain", data: {} }));
    const started = performance.now();
    const { ids } = await client.send(events);
    for (;;) {
      const [row] = await sql<{ done: number }[]>`
        select count(*)::int as done from inngest_engine.runs where event_id = any(${ids}) and status <> 'Running'`;
      if ((row?.done ?? 0) >= count) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const wallMs = performance.now() - started;
    const [calls] = await sql<{ calls: number; call_ms: number; run_ms: number }[]>`
      select count(*)::int as calls, avg(a.duration_ms)::float8 as call_ms,
             (select avg(extract(epoch from ended_at - started_at) * 1000) from inngest_engine.runs where event_id = any(${ids}))::float8 as run_ms
      from inngest_engine.attempts a join inngest_engine.runs r on r.id = a.run_id where r.event_id = any(${ids})`;
    return { wallMs, calls: calls?.calls ?? 0, callMs: calls?.call_ms ?? 0, runMs: calls?.run_ms ?? 0 };
  };

  await runAll(2); // warm-up
  const single = await runAll(1);
  const perCallMs = single.runMs / single.calls;
  const overheadMs = perCallMs - single.callMs;

  const throughput: Array<[number, number]> = [];
  for (const concurrency of [1, 10, 100]) {
    const result = await runAll(concurrency);
    throughput.push([concurrency, (concurrency * STEPS) / (result.wallMs / 1000)]);
  }

  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    const k = `k${i}`;
    const { ids } = await client.send({ name: "bench/wait", data: { k } });
    for (;;) {
      const rows =
        await sql`select 1 from inngest_engine.pauses p join inngest_engine.runs r on r.id = p.run_id where r.event_id = ${ids[0] as string}`;
      if (rows.length > 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    const sentAt = performance.now();
    await client.send({ name: "bench/resume", data: { k } });
    while (!resumedAt.has(k)) await new Promise((r) => setTimeout(r, 1));
    latencies.push((resumedAt.get(k) as number) - sentAt);
  }

  const signalled = await signalLatencies(engine, sql);

  const fmt = (n: number) => n.toFixed(2);
  console.log(`synced Postgres commit (p50):            ${fmt(commitMs)} ms`);
  console.log(`SDK call (app time, avg):                ${fmt(single.callMs)} ms`);
  console.log(
    `wall time per SDK call in a run:         ${fmt(perCallMs)} ms (${single.calls} calls for ${STEPS} steps)`,
  );
  console.log(
    `engine overhead per step:                ${fmt(overheadMs)} ms = ${fmt(overheadMs / commitMs)} synced commits`,
  );
  for (const [concurrency, sps] of throughput)
    console.log(`steps/s with ${String(concurrency).padStart(3)} concurrent runs:      ${sps.toFixed(0)}`);
  console.log(
    `event -> waiting run resumed:            p50 ${fmt(percentile(latencies, 50))} ms, p95 ${fmt(percentile(latencies, 95))} ms`,
  );
  console.log(
    `signal -> waiting run resumed:           p50 ${fmt(percentile(signalled, 50))} ms, p95 ${fmt(percentile(signalled, 95))} ms`,
  );

  await app.close();
  await engine.stop();
  await sql`drop table if exists bench_commit`;
  await sql.end();
  await stopDb();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
