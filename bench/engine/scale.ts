/**
 * How steps/s, event → resumed and signal → resumed grow with the number of runs waiting: `npm run bench:engine`
 * seeds waiting runs up to each size (BENCH_SCALE_SIZES or --scale=…, default 1000,10000,100000; "none" skips),
 * half on an event and half on a signal, and measures at each size on one engine with checkpointing on.
 */
import { Inngest } from "inngest";
import type postgres from "postgres";
import { startEngine } from "@/engine/index";
import { startApp } from "@/tests/engine/app-server";
import { forgetApp } from "./forget-app";
import { cloneWaitingRun } from "./seed";

const DEFAULT_SIZES = [1_000, 10_000, 100_000];
const SAMPLES = 20;
const CHAIN_RUNS = 10;
const CHAIN_STEPS = 20;

/** The sizes asked for on the command line (--scale=1000,10000) or in BENCH_SCALE_SIZES; [] for "none". */
export function scaleSizes(argv = process.argv, env = process.env): number[] {
  const flag = argv.find((arg) => arg.startsWith("--scale="))?.slice("--scale=".length);
  const text = (flag ?? env.BENCH_SCALE_SIZES ?? "").trim();
  if (text === "") return DEFAULT_SIZES;
  if (text === "none") return [];
  const sizes = text.split(",").map((part) => Number(part.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 2))
    throw new Error(
      `--scale / BENCH_SCALE_SIZES must be whole numbers of waiting runs, at least 2, separated by commas ` +
        `(e.g. 1000,10000,100000), or "none" to skip; got "${text}"`,
    );
  return [...sizes].sort((a, b) => a - b);
}

/** The functions the seeded runs belong to; the test of the seeding defines the same ones. */
export function scaleFunctions(client: Inngest.Any, resumedAt: Map<string, number>) {
  const record = (k: string) => resumedAt.set(k, performance.now());
  return [
    client.createFunction(
      { id: "scale-event-waiter", retries: 0, triggers: [{ event: "bench/scale-wait" }] },
      async ({ event, step }) => {
        const k = event.data.k as string;
        await step.waitForEvent("resume", { event: "bench/scale-resume", timeout: "1h", match: "data.k" });
        await step.run("resumed", () => record(k));
        return k;
      },
    ),
    client.createFunction(
      { id: "scale-signal-waiter", retries: 0, triggers: [{ event: "bench/scale-signal-wait" }] },
      async ({ event, step }) => {
        const k = event.data.k as string;
        await step.waitForSignal("resume", { signal: `bench/scale/${k}`, timeout: "1h", onConflict: "fail" });
        await step.run("resumed", () => record(k));
        return k;
      },
    ),
    client.createFunction(
      { id: "scale-chain", retries: 0, triggers: [{ event: "bench/scale-chain" }] },
      async ({ step }) => {
        let total = 0;
        for (let i = 0; i < CHAIN_STEPS; i++) total = await step.run(`s${i}`, () => total + 1);
        return total;
      },
    ),
  ];
}

/** Keys of one width, so each seeded run's state has the template's size: e0000001, s0000001… */
export function seedKey(prefix: "e" | "s", n: number): string {
  return `${prefix}${String(n).padStart(7, "0")}`;
}

/** Starts one run of each waiter through the engine and returns them once they wait: the templates to copy. */
export async function startTemplates(
  client: Inngest.Any,
  sql: postgres.Sql,
): Promise<{ eventRun: string; signalRun: string }> {
  const { ids } = await client.send([
    { name: "bench/scale-wait", data: { k: seedKey("e", 0) } },
    { name: "bench/scale-signal-wait", data: { k: seedKey("s", 0) } },
  ]);
  for (let tries = 0; tries < 3_000; tries++) {
    const rows = await sql<{ id: string; event_id: string }[]>`
      select r.id, r.event_id from inngest_engine.runs r
      where r.event_id = any(${ids}) and exists (select 1 from inngest_engine.pauses p where p.run_id = r.id)
        and not exists (select 1 from inngest_engine.jobs j where j.run_id = r.id and j.kind = 'call')`;
    const eventRun = rows.find((row) => row.event_id === ids[0])?.id;
    const signalRun = rows.find((row) => row.event_id === ids[1])?.id;
    if (eventRun && signalRun) return { eventRun, signalRun };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("the template runs did not reach their waits within 30 s: is the engine calling the app?");
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function until(done: () => boolean) {
  while (!done()) await new Promise((r) => setTimeout(r, 1));
}

type ScaleRow = { size: number; seedMs: number; stepsPerSecond: number; event: number[]; signal: number[] };

/** Seeds up to each size and measures there; prints one row per size. */
export async function printScale(databaseUrl: string, sql: postgres.Sql, sizes = scaleSizes()): Promise<void> {
  if (sizes.length === 0) return;
  const engine = await startEngine({ databaseUrl, port: 0, logLevel: "warn", workers: 32 });
  const client = new Inngest({ id: "bench-scale", isDev: true, baseUrl: engine.url });
  const resumedAt = new Map<string, number>();
  const app = await startApp(client, scaleFunctions(client, resumedAt));
  await engine.syncApp(app.url);
  const templates = await startTemplates(client, sql);
  const rows: ScaleRow[] = [];
  let seeded = 0;
  const used = new Set<number>();
  for (const size of sizes) {
    const seedStart = performance.now();
    const half = Math.floor(size / 2);
    const fresh = Array.from({ length: Math.max(0, half - seeded) }, (_, i) => seeded + i + 1);
    await cloneWaitingRun(
      sql,
      templates.eventRun,
      fresh.map((n) => seedKey("e", n)),
    );
    await cloneWaitingRun(
      sql,
      templates.signalRun,
      fresh.map((n) => seedKey("s", n)),
    );
    seeded = Math.max(seeded, half);
    await sql`analyze inngest_engine.pauses`;
    await sql`analyze inngest_engine.runs`;
    const seedMs = performance.now() - seedStart;

    const { ids } = await client.send(
      Array.from({ length: CHAIN_RUNS }, () => ({ name: "bench/scale-chain", data: {} })),
    );
    const chainStart = performance.now();
    for (;;) {
      const [row] = await sql<{ done: number }[]>`
        select count(*)::int as done from inngest_engine.runs where event_id = any(${ids}) and status <> 'Running'`;
      if ((row?.done ?? 0) >= CHAIN_RUNS) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const stepsPerSecond = (CHAIN_RUNS * CHAIN_STEPS) / ((performance.now() - chainStart) / 1000);

    // Each sample resumes a different seeded run, spread over all of them.
    const event: number[] = [];
    const signal: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let n = 1 + ((i * 7919 + size) % seeded);
      while (used.has(n)) n = (n % seeded) + 1;
      used.add(n);
      const ek = seedKey("e", n);
      let sentAt = performance.now();
      await client.send({ name: "bench/scale-resume", data: { k: ek } });
      await until(() => resumedAt.has(ek));
      event.push((resumedAt.get(ek) as number) - sentAt);
      const sk = seedKey("s", n);
      sentAt = performance.now();
      await client.sendSignal({ signal: `bench/scale/${sk}`, data: {} });
      await until(() => resumedAt.has(sk));
      signal.push((resumedAt.get(sk) as number) - sentAt);
    }
    rows.push({ size, seedMs, stepsPerSecond, event, signal });
  }
  await app.close();
  await engine.stop();
  await forgetApp(sql, client.id);

  const fmt = (values: number[]) =>
    `p50 ${percentile(values, 50).toFixed(1)} / p95 ${percentile(values, 95).toFixed(1)} ms`;
  console.log("");
  console.log(
    `waiting runs (half on an event, half on a signal), checkpointing on, ${String(CHAIN_RUNS)} concurrent 20-step runs, ${String(SAMPLES)} resumes each:`,
  );
  console.log(
    `${"waiting".padEnd(10)}${"seeded in".padEnd(12)}${"steps/s".padEnd(10)}${"event -> resumed".padEnd(30)}signal -> resumed`,
  );
  for (const row of rows) {
    console.log(
      `${String(row.size).padEnd(10)}${`${(row.seedMs / 1000).toFixed(1)} s`.padEnd(12)}${row.stepsPerSecond.toFixed(0).padEnd(10)}${fmt(row.event).padEnd(30)}${fmt(row.signal)}`,
    );
  }
}
