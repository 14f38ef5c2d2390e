import fs from "node:fs";

/** Linux counts CPU time in clock ticks of 1/100 s (USER_HZ). */
const tickMs = 10;

type ProcessTicks = { ppid: number; own: number; reaped: number };
/** Every process's CPU ticks at one moment: its own, and its reaped children's. */
export type CpuSnapshot = { root: number; stats: Map<number, ProcessTicks> };

/** The CPU of this process and every process it started, at this moment; null where /proc cannot be read (not Linux). */
export function cpuSnapshot(root = process.pid): CpuSnapshot | null {
  try {
    return { root, stats: readStats() };
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds spent between two snapshots by the root process and everything it started: the embedded
 * PostgreSQL and its backends, the document readers. A process that exits hands its whole life's CPU to its parent's
 * reaped counters, so what an exited process had spent before `from` is taken off again: a PostgreSQL connection
 * closing after a long idle must not charge its past to the documents of the moment.
 */
export function cpuMsBetween(from: CpuSnapshot, to: CpuSnapshot): number {
  const before = descendants(from);
  const after = descendants(to);
  let ticks = 0;
  for (const pid of after) {
    const now = to.stats.get(pid);
    const then = before.has(pid) ? from.stats.get(pid) : undefined;
    ticks += (now?.own ?? 0) + (now?.reaped ?? 0) - (then?.own ?? 0) - (then?.reaped ?? 0);
  }
  for (const pid of before) {
    if (after.has(pid)) continue;
    const then = from.stats.get(pid);
    ticks -= (then?.own ?? 0) + (then?.reaped ?? 0);
  }
  return ticks * tickMs;
}

function descendants({ root, stats }: CpuSnapshot): Set<number> {
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  const found = new Set<number>();
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    if (!stats.has(pid)) continue;
    found.add(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return found;
}

function readStats(): Map<number, ProcessTicks> {
  const stats = new Map<number, ProcessTicks>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let line: string;
    try {
      line = fs.readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // It exited while we looked; its parent's child counters have it.
    }
    // The command name may hold spaces and parentheses: the fields start after its last ")".
    const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    stats.set(Number(name), {
      ppid: Number(fields[1]),
      own: (utime ?? 0) + (stime ?? 0),
      reaped: (cutime ?? 0) + (cstime ?? 0),
    });
  }
  return stats;
}

/** CPU milliseconds of this process alone, all its threads (Tesseract's workers among them). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
