import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Child = { process: ChildProcess; output: () => string; kill: () => Promise<void> };

/**
 * Starts a TypeScript entry point as one node process (no tsx wrapper process, so SIGKILL really kills it)
 * and resolves once a line of its stdout matches `ready`.
 */
export async function startTsProcess(entry: string, env: Record<string, string>, ready: RegExp, timeoutMs = 30_000): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let started = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output.slice(-2000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!started && ready.test(output)) {
        started = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`${entry} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
  return {
    process: child,
    output: () => output,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

/**
 * Every execution of a step after its first must be explained by a distinct crash between it and the previous
 * execution: a finished step never runs again, only the one in flight at a crash may.
 */
export function unexplainedReexecutions(executions: Map<string, number[]>, crashes: number[]): string[] {
  const problems: string[] = [];
  for (const [key, times] of executions) {
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      const from = sorted[i - 1] as number;
      const to = sorted[i] as number;
      const crash = crashes.some((t) => t >= from && t <= to);
      if (!crash) problems.push(`${key} re-ran at ${to} with no crash since its previous execution at ${from}`);
    }
  }
  return problems;
}
