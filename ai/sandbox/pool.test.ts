import { afterEach, describe, expect, it } from "vitest";

import { workerLaunch } from "./launch";
import { ProcessPool } from "./pool";

let pool: ProcessPool | undefined;
afterEach(async () => {
  await pool?.close();
});

const text = (words: string) => ({ bytes: new TextEncoder().encode(words), kind: "text" });
const readers = { ...workerLaunch(false), size: 2, timeoutMs: 30_000, memoryMb: 256, residentMb: 1024, keepWarm: 1 };

describe("ProcessPool", () => {
  it("lets idle readers go but keeps the warm ones it was asked to keep", async () => {
    pool = new ProcessPool({ ...readers, idleMs: 200 });
    const reads = await Promise.all([
      pool.run<{ text: { pages: { text: string }[] } }>("extract-text", text("first")),
      pool.run<{ text: { pages: { text: string }[] } }>("extract-text", text("second")),
    ]);
    expect(reads.map((read) => read.text.pages[0]?.text)).toEqual(["first", "second"]);
    expect(pool.liveWorkers()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pool.liveWorkers()).toBe(1);
    const started = performance.now();
    await pool.run("extract-text", text("third"));
    // The kept reader answers at once: no Node, no tsx, no parsers to load.
    expect(performance.now() - started).toBeLessThan(1_000);
  }, 60_000);
});

describe("ProcessPool.warm", () => {
  it("starts the warm readers before any job, and the first job takes one of them", async () => {
    pool = new ProcessPool(readers);
    await pool.warm();
    expect(pool.liveWorkers()).toBe(1);
    await pool.warm();
    expect(pool.liveWorkers()).toBe(1);
    const started = performance.now();
    await pool.run("extract-text", text("first"));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(pool.liveWorkers()).toBe(1);
  }, 60_000);
});
