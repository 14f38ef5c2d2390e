import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export type AppProcess = { url: string; pid: number | undefined; stop: () => Promise<void> };

/**
 * Starts bench/engine/chain-app.ts in a child process, so the engine and the app no longer share one event loop
 * and the figures are the engine's. Resolves once it serves.
 */
export async function startChainApp(opts: {
  appId: string;
  engineUrl: string;
  event: string;
  steps: number;
}): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "chain-app.ts")], {
    env: {
      ...process.env,
      BENCH_APP_ID: opts.appId,
      BENCH_ENGINE_URL: opts.engineUrl,
      BENCH_STEPS: String(opts.steps),
      BENCH_EVENT: opts.event,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`the benchmark's app exited with ${String(code)} before serving`)));
  });
  return {
    url,
    pid: child.pid,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
