import { inArray } from "drizzle-orm";
import { db } from "@/db/index";
import { documents } from "@/db/schema";

import { cpuMsBetween, cpuSnapshot } from "./cpu";
import type { Receive, Upload } from "./latency";

const routed = (status: string) => !["received", "extracting"].includes(status);

/** Waits until every document has left text and extraction (routed, or failed), polling them all in one query. */
export async function untilRouted(ids: Iterable<string>, onRouted: (id: string) => void, pollMs = 50): Promise<void> {
  const pending = new Set(ids);
  while (pending.size > 0) {
    const rows = await db()
      .select({ id: documents.id, status: documents.status })
      .from(documents)
      .where(inArray(documents.id, [...pending]));
    for (const row of rows) {
      if (!routed(row.status)) continue;
      onRouted(row.id);
      pending.delete(row.id);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * What Keel's processes spend with no document at all, in CPU milliseconds per second: the engine's timers,
 * PostgreSQL's background writers. It is no document's cost, so a document's own is counted above it.
 */
export async function idleCpuPerSecond(windowMs = 2_000): Promise<number | null> {
  const from = cpuSnapshot();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const to = cpuSnapshot();
  return from && to ? (cpuMsBetween(from, to) * 1000) / windowMs : null;
}

/**
 * One document's CPU, alone: each is uploaded after the last one is routed and its run has settled, and the CPU of
 * every process Keel runs (this one with the app and the engine, PostgreSQL and its backends, the readers) is
 * counted from its upload until it has settled, less what they spend idle (`idlePerSecond`). The median over
 * `count`, in milliseconds; what the cores allow is the ceiling, and throughput with many at once is read as a
 * share of it.
 */
export async function singleDocumentCpuMs(
  receive: Receive,
  make: (index: number) => Upload,
  count: number,
  idlePerSecond = 0,
  settleMs = 250,
): Promise<number | null> {
  const costs: number[] = [];
  for (let index = 0; index < count; index++) {
    const from = cpuSnapshot();
    const started = performance.now();
    const { document } = await receive(make(index));
    await untilRouted([document.id], () => undefined, 20);
    // The run goes on to open its task and wait: that is part of the document's cost too.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const to = cpuSnapshot();
    if (!from || !to) return null;
    costs.push(cpuMsBetween(from, to) - (idlePerSecond * (performance.now() - started)) / 1000);
  }
  costs.sort((a, b) => a - b);
  return costs[Math.floor(costs.length / 2)] ?? null;
}
