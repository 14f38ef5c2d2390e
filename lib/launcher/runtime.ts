import fs from "node:fs";
import path from "node:path";

/** What a running Keel tells other local processes (`npm run keel`): where its database and engine are. */
export type Runtime = { pid: number; databaseUrl: string; inngest: { baseUrl: string; eventKey: string } | null };

const file = (dataDir: string) => path.resolve(dataDir, "runtime.json");

export function writeRuntime(dataDir: string, runtime: Runtime): void {
  fs.mkdirSync(path.resolve(dataDir), { recursive: true });
  fs.writeFileSync(file(dataDir), JSON.stringify(runtime), { mode: 0o600 });
}

export function removeRuntime(dataDir: string): void {
  fs.rmSync(file(dataDir), { force: true });
}

/** The running Keel's runtime, or null when none runs (a file left by a killed Keel does not count). */
export function readRuntime(dataDir: string): Runtime | null {
  try {
    const runtime = JSON.parse(fs.readFileSync(file(dataDir), "utf8")) as Runtime;
    process.kill(runtime.pid, 0);
    return runtime;
  } catch {
    return null;
  }
}
