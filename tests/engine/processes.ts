import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type Child = { process: ChildProcess; output: () => string; kill: () => Promise<void> };

/**
 * Starts a TypeScript entry point as one node process (no tsx wrapper process, so SIGKILL really kills it)
 * and resolves once a line of its stdout matches `ready`.
 */
export async function startTsProcess(
  entry: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 30_000,
): Promise<Child> {
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
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
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

/** From just before a process died (or a server stopped) until its replacement was up again. */
export type Outage = { down: number; up: number };

/** How long before an outage a step may have started and still have been in flight, uncommitted, when it hit. */
const IN_FLIGHT_MARGIN_MS = 3_000;

/**
 * Every execution of a step after its first must be explained by its own outage: the previous execution was in
 * flight when it hit (started shortly before it, or during it) and this one came after. A step that finished
 * long before any outage never runs again.
 */
export function unexplainedReexecutions(executions: Map<string, number[]>, outages: Outage[]): string[] {
  const problems: string[] = [];
  for (const [key, times] of executions) {
    const sorted = [...times].sort((a, b) => a - b);
    const used = new Set<Outage>();
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1] as number;
      const next = sorted[i] as number;
      const outage = outages.find(
        (o) => !used.has(o) && previous >= o.down - IN_FLIGHT_MARGIN_MS && previous <= o.up && next >= o.down,
      );
      if (outage) used.add(outage);
      else problems.push(`${key} re-ran at ${next}; its previous execution at ${previous} was in flight at no outage`);
    }
  }
  return problems;
}
