import fs from "node:fs";

/** Linux counts CPU time in clock ticks of 1/100 s (USER_HZ). */
const tickMs = 10;

/**
 * CPU milliseconds spent so far by this process and every process it started (the embedded PostgreSQL and its
 * backends, the document readers), the reaped ones included through their parents' child counters. Linux only;
 * null where /proc cannot be read.
 */
export function treeCpuMs(root = process.pid): number | null {
  let stats: Map<number, { ppid: number; ticks: number }>;
  try {
    stats = readStats();
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  let ticks = 0;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    ticks += stats.get(pid)?.ticks ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return ticks * tickMs;
}

function readStats(): Map<number, { ppid: number; ticks: number }> {
  const stats = new Map<number, { ppid: number; ticks: number }>();
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
      ticks: (utime ?? 0) + (stime ?? 0) + (cutime ?? 0) + (cstime ?? 0),
    });
  }
  return stats;
}

/** CPU milliseconds of this process alone, all its threads (Tesseract's workers among them). */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
