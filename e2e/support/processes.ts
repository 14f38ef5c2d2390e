import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Polls until `url` answers 200, or fails early when `child` exits. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited with code ${child.exitCode} before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

export type Launched = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Runs Keel's launcher (`npm start`'s script) with the given environment, collecting what it prints. */
export function launchKeel(env: Record<string, string | undefined>): Launched {
  let output = "";
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "start"], {
    env: { ...process.env, DATABASE_URL: undefined, AUTH_SECRET: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, output: () => output, exited };
}

export async function stop(launched: Launched): Promise<void> {
  if (launched.child.exitCode === null) launched.child.kill("SIGTERM");
  await launched.exited;
}
