/**
 * Engine benchmark: `npm run bench:engine`. Prints figures, asserts nothing.
 * The runs and throughput are measured against an app in a child process (bench/engine/chain-app.ts), as production
 * runs the engine apart from the app: sharing one event loop, the app's serve() time would count as the engine's.
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
import { startChainApp } from "./engine/app-process";
import { cpuMeter, perStep, type CpuSplit } from "./engine/cpu-split";
import { forgetApp } from "./engine/forget-app";
import { enablePgTimers, pgSplitMeter, type PgSplit } from "./engine/pg-split";
import { printScale } from "./engine/scale";

const STEPS = 20;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function signalLatencies(engine: RunningEngine, sql: postgres.Sql, checkpointing: boolean): Promise<number[]> {
  const client = new Inngest({ id: checkpointing ? "signals-on" : "signals-off", isDev: true, baseUrl: engine.url });
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
  await runsEnded(sql, `${client.id}-signal-waiter`);
  await app.close();
  await forgetApp(sql, client.id);
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

  await sql`create table if not exists bench_commit (id serial primary key, at timestamptz default now())`;
  await sql`set synchronous_commit = on`;
  const commitMs = await syncedCommitMs(sql, 0);

  const embedded = configuredDatabaseUrl() === undefined;
  if (embedded) await enablePgTimers(sql);
  const modes = [await measure(databaseUrl, sql, false, embedded), await measure(databaseUrl, sql, true, embedded)];

  // The same commit at the pace of a run alone's answers, one per SDK call: a WAL flush after the disk sat idle takes
  // longer than one right after another (engine/README), and those answers are spaced so.
  const paceMs = Math.max(1, Math.round(modes[0]?.single.callMs ?? 1));
  const pacedCommitMs = await syncedCommitMs(sql, paceMs);

  const fmt = (n: number) => n.toFixed(2);
  const row = (label: string, cell: (m: ModeResult) => string) =>
    console.log(`${label.padEnd(42)}${modes.map((m) => cell(m).padEnd(56)).join("")}`);
  console.log(`synced Postgres commit (p50):             ${fmt(commitMs)} ms back to back`);
  console.log(
    `                                          ${fmt(pacedCommitMs)} ms one every ${String(paceMs)} ms (a run alone's pace)`,
  );
  row("", (m) => (m.checkpointing ? "checkpointing on" : "checkpointing off (ENGINE_CHECKPOINTING=0)"));
  console.log(`(a run alone: the median of ${SINGLE_RUNS} runs by engine overhead)`);
  row("SDK calls for a run of 20 steps:", (m) => String(m.single.calls));
  row("SDK call (app time, avg):", (m) => `${fmt(m.single.callMs)} ms`);
  row("wall time per step in a run:", (m) => `${fmt(m.single.runMs / STEPS)} ms`);
  row("engine overhead per step, by time:", (m) => {
    const overheadMs = m.single.runMs / STEPS - (m.single.callMs * m.single.calls) / STEPS;
    return `${fmt(overheadMs)} ms = ${fmt(overheadMs / commitMs)} / ${fmt(overheadMs / pacedCommitMs)} commits (back to back / paced)`;
  });
  row("  answer_call in PostgreSQL, per call:", (m) =>
    m.pg
      ? `${fmt(m.pg.answerMs)} ms = ${fmt(m.pg.answerMs / commitMs)} commits (${String(m.pg.answerCalls)} calls)`
      : "n/a",
  );
  row("  WAL flush, per synced commit:", (m) =>
    m.pg ? `${fmt(m.pg.flushMs)} ms (${String(m.pg.flushes)} flushes)` : "n/a",
  );
  row("engine commits per step (counted):", (m) => fmt(m.single.commits / STEPS));
  for (const [index, concurrency] of CONCURRENCY.entries())
    row(`steps/s with ${String(concurrency).padStart(3)} concurrent runs:`, (m) =>
      (m.throughput[index] ?? 0).toFixed(0),
    );
  for (const [index, concurrency] of CONCURRENCY.entries())
    row(`commits per step, ${String(concurrency).padStart(3)} concurrent runs:`, (m) =>
      fmt(m.commitsPerStep[index] ?? NaN),
    );
  row(`CPU per step, ${String(CONCURRENCY.at(-1)).padStart(3)} runs (engine/app/PG):`, (m) => {
    const { engine, app, postgres } = m.cpuPerStep;
    return `${fmt(engine)} / ${fmt(app)} / ${postgres === null ? "n/a" : fmt(postgres)} ms`;
  });
  row(
    "event -> waiting run resumed:",
    (m) => `p50 ${fmt(percentile(m.latencies, 50))} ms, p95 ${fmt(percentile(m.latencies, 95))} ms`,
  );
  row(
    "signal -> waiting run resumed:",
    (m) => `p50 ${fmt(percentile(m.signalled, 50))} ms, p95 ${fmt(percentile(m.signalled, 95))} ms`,
  );

  await printScale(databaseUrl, sql);

  await sql`drop table if exists bench_commit`;
  await sql.end();
  await stopDb();
}

/**
 * One synced commit, p50: a single-row insert in its own transaction with synchronous_commit on, each `gapMs` after
 * the last (0: back to back).
 */
async function syncedCommitMs(sql: postgres.Sql, gapMs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    const t = performance.now();
    await sql`insert into bench_commit default values`;
    samples.push(performance.now() - t);
  }
  return percentile(samples, 50);
}

const CONCURRENCY = [1, 10, 100];
const SINGLE_RUNS = 7;

type RunAll = { wallMs: number; calls: number; callMs: number; runMs: number; commits: number; cpuMs: CpuSplit };
type ModeResult = {
  checkpointing: boolean;
  single: RunAll;
  throughput: number[];
  /** Write transactions per step at each concurrency: checkpoints of concurrent runs may share one. */
  commitsPerStep: number[];
  /** A run alone's answers inside PostgreSQL (embedded PostgreSQL only). */
  pg: PgSplit | undefined;
  /** CPU ms per step at the highest concurrency, by process. */
  cpuPerStep: CpuSplit;
  latencies: number[];
  signalled: number[];
};

/**
 * Write transactions since `xmax`: each takes a transaction id and, with synchronous_commit on, flushes the WAL at
 * commit (concurrent ones may share a flush). Reads take no id and flush nothing, so they are not counted.
 */
async function writeTransactionsSince(sql: postgres.Sql, xmax: bigint): Promise<number> {
  return Number((await currentXmax(sql)) - xmax);
}

async function currentXmax(sql: postgres.Sql): Promise<bigint> {
  const [row] = await sql<{ xmax: string }[]>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`;
  return BigInt(row?.xmax ?? "0");
}

/**
 * Waits for a function's runs to end. A resumed waiter still has its last call to make: closed before it, its app
 * would refuse the call, and left queued, the call would go to the next engine.
 */
async function runsEnded(sql: postgres.Sql, functionId: string): Promise<void> {
  for (;;) {
    const [row] = await sql<{ running: number }[]>`
      select count(*)::int as running from inngest_engine.runs where function_id = ${functionId} and status = 'Running'`;
    if ((row?.running ?? 0) === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs, throughput and resume latency on a fresh engine, with the SDK's checkpointing on or off. */
async function measure(
  databaseUrl: string,
  sql: postgres.Sql,
  checkpointing: boolean,
  embedded: boolean,
): Promise<ModeResult> {
  const engine = await startEngine({ databaseUrl, port: 0, logLevel: "warn", workers: 32, checkpointing });
  // An app stays at the origin it first registered from: each engine's app is another app.
  const client = new Inngest({ id: checkpointing ? "bench-on" : "bench-off", isDev: true, baseUrl: engine.url });
  const resumedAt = new Map<string, number>();
  const waiter = client.createFunction(
    { id: "waiter", retries: 0, triggers: [{ event: "bench/wait" }] },
    async ({ event, step }) => {
      await step.waitForEvent("resume", { event: "bench/resume", timeout: "1h", match: "data.k" });
      await step.run("resumed", () => {
        resumedAt.set(event.data.k as string, performance.now());
      });
    },
  );
  const app = await startApp(client, [waiter]);
  await engine.syncApp(app.url);
  // Each mode's own event: the other mode's app stays registered in the shared database after its engine stops.
  const chainEvent = `bench/chain-${client.id}`;
  const chainApp = await startChainApp({
    appId: `${client.id}-chain`,
    engineUrl: engine.url,
    event: chainEvent,
    steps: STEPS,
  });
  await engine.syncApp(chainApp.url);

  const runAll = async (count: number): Promise<RunAll> => {
    const events = Array.from({ length: count }, () => ({ name: chainEvent, data: {} }));
    const xmax = await currentXmax(sql);
    const cpu = cpuMeter(chainApp.pid, embedded);
    const started = performance.now();
    const { ids } = await client.send(events);
    for (;;) {
      const [row] = await sql<{ done: number }[]>`
        select count(*)::int as done from inngest_engine.runs where event_id = any(${ids}) and status <> 'Running'`;
      if ((row?.done ?? 0) >= count) break;
      // This process's CPU is counted as the engine's: polling as often at 100 runs would weigh on that figure.
      await new Promise((r) => setTimeout(r, 5 + count / 4));
    }
    const wallMs = performance.now() - started;
    const cpuMs = cpu();
    const commits = await writeTransactionsSince(sql, xmax);
    // Checkpoints are logged as attempts too, and so are calls that never reached the app: only answers count.
    const [calls] = await sql<{ calls: number; call_ms: number; run_ms: number }[]>`
      select count(*)::int as calls, avg(a.duration_ms)::float8 as call_ms,
             (select avg(extract(epoch from ended_at - started_at) * 1000) from inngest_engine.runs where event_id = any(${ids}))::float8 as run_ms
      from inngest_engine.attempts a join inngest_engine.runs r on r.id = a.run_id
      where r.event_id = any(${ids}) and a.http_status is not null`;
    return {
      wallMs,
      calls: calls?.calls ?? 0,
      callMs: calls?.call_ms ?? 0,
      runMs: calls?.run_ms ?? 0,
      commits,
      cpuMs,
    };
  };

  // Warm-up at the highest concurrency: the pool opens its connections, and each compiles the engine's PL/pgSQL
  // functions on first use, during the first batch that needs them; measured cold, 100 runs read a sixth lower.
  await runAll(CONCURRENCY.at(-1) ?? 1);
  // One run alone, several times one after another: the run whose engine overhead is the median stands for all.
  const singles: RunAll[] = [];
  const pgMeter = embedded ? await pgSplitMeter(sql) : undefined;
  for (let i = 0; i < SINGLE_RUNS; i++) singles.push(await runAll(1));
  const pg = await pgMeter?.();
  const overhead = (r: RunAll) => r.runMs - r.callMs * r.calls;
  const single = [...singles].sort((a, b) => overhead(a) - overhead(b))[Math.floor(SINGLE_RUNS / 2)] as RunAll;
  const throughput: number[] = [];
  const commitsPerStep: number[] = [];
  let cpuPerStep: CpuSplit = { engine: NaN, app: NaN, postgres: null };
  for (const concurrency of CONCURRENCY) {
    const result = await runAll(concurrency);
    throughput.push((concurrency * STEPS) / (result.wallMs / 1000));
    commitsPerStep.push(result.commits / (concurrency * STEPS));
    cpuPerStep = perStep(result.cpuMs, concurrency * STEPS);
  }
  await chainApp.stop();

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

  await runsEnded(sql, `${client.id}-waiter`);
  const signalled = await signalLatencies(engine, sql, checkpointing);
  await app.close();
  await engine.stop();
  await forgetApp(sql, client.id);
  return { checkpointing, single, throughput, commitsPerStep, pg, cpuPerStep, latencies, signalled };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
