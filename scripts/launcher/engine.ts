import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { childEnv, type Env } from "@/lib/env";
import { isPortFree } from "@/lib/net";
import { launcherIdentity } from "./orphan-guard";
import { StartupError } from "./database";

export type InngestKeys = { signingKey: string; eventKey: string };

export type EngineProcess = { url: string; child: ChildProcess };

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

/** The engine's port is held by another program: restarting the engine cannot fix that by itself. */
export class EnginePortInUseError extends StartupError {
  override name = "EnginePortInUseError";
}

/**
 * Starts scripts/engine.ts as its own process on the given database, answering at the returned URL. One node process
 * with tsx's loader, not tsx's CLI, which would run the engine in a grandchild that outlives a killed parent.
 * `serveUrl`, when given, is the only place the engine will let an app register (ENGINE_APP_URLS); without it the
 * app stays wherever it first registered.
 */
export async function startEngineProcess(
  e: Env,
  databaseUrl: string,
  keys: InngestKeys,
  signal?: AbortSignal,
  serveUrl?: string,
): Promise<EngineProcess> {
  if (!(await isPortFree(e.ENGINE_PORT, "127.0.0.1"))) {
    throw new EnginePortInUseError(
      `Keel's Inngest engine cannot listen on port ${e.ENGINE_PORT}: another program (an Inngest dev server, or another Keel?) is using it.\n` +
        `Stop that program, or start Keel with another engine port: ENGINE_PORT=${e.ENGINE_PORT + 1} npm run dev`,
    );
  }
  const url = `http://127.0.0.1:${e.ENGINE_PORT}`;
  const loader = pathToFileURL(path.resolve("node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", loader, path.resolve("scripts/engine.ts")], {
    stdio: ["ignore", "inherit", "inherit"],
    env: childEnv({
      ENGINE_DATABASE_URL: databaseUrl,
      ENGINE_PORT: String(e.ENGINE_PORT),
      ENGINE_HOST: "127.0.0.1",
      INNGEST_SIGNING_KEY: keys.signingKey,
      // The engine then takes events only under the key the app sends with, like Inngest Cloud.
      INNGEST_EVENT_KEY: keys.eventKey,
      ...(serveUrl ? { ENGINE_APP_URLS: serveUrl } : {}),
      ENGINE_LOG_LEVEL: e.ENGINE_LOG_LEVEL,
      KEEL_LAUNCHER: launcherIdentity(),
    }),
  });
  try {
    const healthy = async () =>
      (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null))?.ok === true;
    await waitUntil(healthy, child, 30_000, {
      exited: (how) => `Keel's Inngest engine ${how} before it was ready; its own message is above.`,
      failed: (error) => `Keel's Inngest engine could not be started: ${error.message}.`,
      timedOut: `Keel's Inngest engine did not answer at ${url}/health within 30 s; its log above says why.`,
      aborted: "Keel stopped before its Inngest engine was ready.",
      signal,
    });
  } catch (error) {
    // A half-started engine left running would hold the port against the next start.
    await end(child);
    throw error;
  }
  return { url, child };
}

/** SIGTERM, and SIGKILL if the child is still there 5 s later. */
async function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The signature Inngest puts on a request, over an empty body: the app takes a sync (PUT) in cloud mode only with
 * it, so nobody without the signing key can make it register.
 */
export function emptyBodySignature(signingKey: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  const key = signingKey.replace(/^signkey-\w+-/, "");
  return `t=${String(unixSeconds)}&s=${createHmac("sha256", key).update(String(unixSeconds)).digest("hex")}`;
}

/**
 * Asks the app to register its functions (Inngest's sync: PUT the serve endpoint, signed when there is a signing
 * key); retries while it boots.
 */
export async function syncApp(serveUrl: string, app: ChildProcess, signingKey?: string): Promise<string> {
  let message = "";
  await waitUntil(
    async () => {
      const headers: Record<string, string> = signingKey
        ? { "x-inngest-signature": emptyBodySignature(signingKey) }
        : {};
      const response = await fetch(serveUrl, { method: "PUT", headers, signal: AbortSignal.timeout(60_000) }).catch(
        () => null,
      );
      if (!response) return false;
      message = await response.text();
      return response.ok;
    },
    app,
    180_000,
    {
      exited: (how) => `Keel's app ${how} before its functions were synced to the engine.`,
      failed: (error) => `Keel's app could not be started: ${error.message}.`,
      timedOut: `Keel's app did not sync its functions to the engine at ${serveUrl} within 180 s.`,
    },
  );
  return message;
}

type Failures = {
  exited: (how: string) => string;
  failed: (error: Error) => string;
  timedOut: string;
  aborted?: string;
  signal?: AbortSignal | undefined;
};

async function waitUntil(check: () => Promise<boolean>, child: ChildProcess, timeoutMs: number, failures: Failures) {
  let spawnError: Error | undefined;
  // Unhandled, a failed spawn (or an aborted one) would crash the launcher with a stack trace.
  const onError = (error: Error) => (spawnError ??= error);
  child.on("error", onError);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new StartupError(failures.exited(`exited (code ${child.exitCode})`));
      if (child.signalCode !== null) throw new StartupError(failures.exited(`was killed (${child.signalCode})`));
      if (spawnError) throw new StartupError(failures.failed(spawnError));
      if (failures.signal?.aborted) throw new StartupError(failures.aborted ?? "Stopped while starting.");
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new StartupError(failures.timedOut);
  } finally {
    child.off("error", onError);
  }
}
