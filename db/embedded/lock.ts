import fs from "node:fs";
import { explainFileError, EmbeddedPostgresError } from "./errors";

/** Who holds a folder: enough to tell a live holder from a stale file whose pid was since reused. */
export type Holder = { pid: number; startTime: string | null; command: string };

/** The kernel's start time of a process (Linux); guards against a reused pid after a reboot or a crash. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${String(pid)}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when `pid` runs and is the same process that recorded `startTime` (not a later one given the same pid). */
export function isLive(holder: { pid: number; startTime: string | null }): boolean {
  if (!isAlive(holder.pid)) return false;
  const startTime = processStartTime(holder.pid);
  return holder.startTime === null || startTime === null || startTime === holder.startTime;
}

/** The live holder of `file`, or null when it is free (missing, unreadable or left by a dead process). */
export function lockHolder(file: string): Holder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(file, "utf8")) as Holder;
    return typeof holder.pid === "number" && isLive(holder) ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Takes `file` for this process until release() or exit. Only one process at a time starts or uses an embedded
 * cluster, so two Keels started at once in one folder get a sentence instead of a broken database.
 */
export function acquireLock(file: string, inUse: (holder: Holder) => string): { release: () => void } {
  const me: Holder = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    command: process.argv.slice(1).join(" "),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw explainFileError(error, file);
      const holder = lockHolder(file);
      if (holder) throw new EmbeddedPostgresError(inUse(holder));
      fs.rmSync(file, { force: true });
      continue;
    }
    // Two processes clearing the same stale file could both write; the one whose pid is in it wins.
    if (lockHolder(file)?.pid !== process.pid) continue;
    const release = () => {
      if (lockHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      process.off("exit", release);
    };
    process.on("exit", release);
    return { release };
  }
  const holder = lockHolder(file);
  throw new EmbeddedPostgresError(holder ? inUse(holder) : `Could not take ${file}; start Keel again.`);
}
