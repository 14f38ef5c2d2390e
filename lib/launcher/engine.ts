import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { childEnv, type Env } from "@/lib/env";
import { isPortFree } from "@/lib/net";
import { StartupError } from "./database";

export type InngestKeys = { signingKey: string; eventKey: string };

/**
 * A signing key and event key for the embedded engine, kept beside the data: the app then runs in Inngest's
 * cloud mode against it, every call signed, exactly as it will against Inngest Cloud.
 */
export function localInngestKeys(dataDir: string): InngestKeys {
  const file = path.resolve(dataDir, "inngest-keys.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as InngestKeys;
  const keys = {
    signingKey: `signkey-local-${randomBytes(32).toString("hex")}`,
    eventKey: randomBytes(24).toString("hex"),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/** Starts engine/main.ts as its own process on the given database, answering at the returned URL. */
export async function startEngineProcess(
  e: Env,
  databaseUrl: string,
  keys: InngestKeys,
): Promise<{ url: string; child: ChildProcess }> {
  if (!(await isPortFree(e.ENGINE_PORT, "127.0.0.1"))) {
    throw new StartupError(
      `Port ${e.ENGINE_PORT} for Keel's Inngest engine is already in use (an Inngest dev server, or another Keel?).\n` +
        `Stop it, or start Keel with another engine port: ENGINE_PORT=${e.ENGINE_PORT + 1} npm run dev`,
    );
  }
  const url = `http://127.0.0.1:${e.ENGINE_PORT}`;
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("engine/main.ts")], {
    stdio: ["ignore", "inherit", "inherit"],
    env: childEnv({
      ENGINE_DATABASE_URL: databaseUrl,
      ENGINE_PORT: String(e.ENGINE_PORT),
      ENGINE_HOST: "127.0.0.1",
      INNGEST_SIGNING_KEY: keys.signingKey,
      ENGINE_LOG_LEVEL: e.ENGINE_LOG_LEVEL,
    }),
  });
  await waitUntil(async () => (await fetch(`${url}/health`).catch(() => null))?.ok === true, child, 30_000, "the engine");
  return { url, child };
}

/** Asks the app to register its functions (Inngest's sync: PUT the serve endpoint); retries while it boots. */
export async function syncApp(serveUrl: string, app: ChildProcess): Promise<string> {
  let message = "";
  await waitUntil(
    async () => {
      const response = await fetch(serveUrl, { method: "PUT", signal: AbortSignal.timeout(60_000) }).catch(() => null);
      if (!response) return false;
      message = await response.text();
      return response.ok;
    },
    app,
    180_000,
    "the app's /api/inngest",
  );
  return message;
}

async function waitUntil(check: () => Promise<boolean>, child: ChildProcess, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new StartupError(`${what} exited (code ${child.exitCode}) while starting.`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new StartupError(`${what} did not become ready within ${timeoutMs / 1000} s.`);
}
