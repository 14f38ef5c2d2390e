import { isLive, processStartTime } from "@/db/embedded/lock";

/**
 * How a launcher (this process unless `pid` says otherwise) names itself to its children: its pid and the kernel's
 * start time of it ("1234:98765").
 */
export function launcherIdentity(pid = process.pid): string {
  return `${String(pid)}:${processStartTime(pid) ?? ""}`;
}

/**
 * Ends this process (SIGTERM to itself, so its own graceful shutdown runs) once the launcher that started it is
 * gone. A launcher killed outright (SIGKILL, the OOM killer) cannot stop its children; without this they would keep
 * Keel's ports and work on a database that is about to stop.
 */
export function exitWithLauncher(identity: string | undefined, everyMs = 2_000): void {
  const [pid, startTime] = (identity ?? "").split(":");
  const launcher = { pid: Number(pid), startTime: startTime || null };
  if (!Number.isInteger(launcher.pid) || launcher.pid <= 0) return;
  const timer = setInterval(() => {
    if (isLive(launcher)) return;
    clearInterval(timer);
    process.kill(process.pid, "SIGTERM");
  }, everyMs);
  timer.unref();
}
