import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type Env = Record<string, string>;

/**
 * What a deploy target gives a process besides its own variables: nothing of the test runner's environment leaks
 * in, so a setting Keel reads without it being named here is a setting a real deployment would lack too.
 */
export function bareEnv(variables: Env): NodeJS.ProcessEnv {
  // Next's typing makes NODE_ENV required; a script run from a checkout has none, and takes its own default.
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    ...variables,
  } as unknown as NodeJS.ProcessEnv;
}

const tsxLoader = () => pathToFileURL(path.resolve("node_modules/tsx/dist/loader.mjs")).href;

/** Runs a script of Keel's as a person would from a checkout (`npx tsx <script>`); throws with its output on failure. */
export function runScript(what: string, script: string, args: string[], env: Env): string {
  const result = spawnSync(process.execPath, ["--import", tsxLoader(), path.resolve(script), ...args], {
    env: bareEnv(env),
    encoding: "utf8",
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`${what} failed (exit ${String(result.status)}):\n${output}`);
  return output;
}

export type Service = { name: string; child: ChildProcess; logFile: string; log: () => string };

/** Starts a long-running process with its output in `logFile`, so a failed setup can show what it said. */
export function startService(name: string, command: string, args: string[], env: Env, logFile: string): Service {
  const out = fs.openSync(logFile, "w");
  const child = spawn(command, args, { env: bareEnv(env), stdio: ["ignore", out, out] });
  fs.closeSync(out);
  return { name, child, logFile, log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "") };
}

/** A TypeScript entry point of Keel's, run by node with tsx's loader (one process, not tsx's CLI and a grandchild). */
export function startScript(name: string, script: string, env: Env, logFile: string): Service {
  return startService(name, process.execPath, ["--import", tsxLoader(), path.resolve(script)], env, logFile);
}

/** Polls `ready` until it is true; fails early, naming the service, when that service exits. */
export async function waitFor(service: Service, what: string, ready: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null)
      throw new Error(
        `${service.name} exited (${String(service.child.exitCode ?? service.child.signalCode)}) before ${what}`,
      );
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name}: ${what} did not happen within ${String(timeoutMs / 1000)} s`);
}

export async function stopService(service: Service): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
