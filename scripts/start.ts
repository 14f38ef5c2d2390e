import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { resolveDatabase, type ResolvedDatabase } from "@/scripts/launcher/database";
import { prepareDatabase } from "@/scripts/launcher/prepare";
import {
  EnginePortInUseError,
  localInngestKeys,
  startEngineProcess,
  syncApp,
  type EngineProcess,
} from "@/scripts/launcher/engine";
import { describeStartupFailure } from "@/scripts/launcher/failure";
import { launcherIdentity } from "@/scripts/launcher/orphan-guard";
import { inboundSmtpPortProblem, startInboundSmtpProcess } from "@/scripts/launcher/inbound-smtp";
import { readRuntime, removeRuntime, writeRuntime } from "@/scripts/launcher/runtime";
import { localAuthSecret } from "@/scripts/launcher/secret";
import { supervise, type Supervisor } from "@/scripts/launcher/supervise";
import { childEnv, env, EnvError, externalInngest, type Env } from "@/lib/env";
import { isPortFree } from "@/lib/net";

/**
 * `npm run dev` / `npm start`: one command that brings up everything Keel needs on this machine —
 * the database (embedded unless DATABASE_URL is set), its migrations, the Inngest engine (embedded unless INNGEST_*
 * point elsewhere), and the Next.js app, synced to the engine once it answers.
 */
const mode = process.argv[2] === "start" ? "start" : "dev";
const children: ChildProcess[] = [];
let engine: Supervisor<EngineProcess> | undefined;
let database: ResolvedDatabase | undefined;
let stopping = false;

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (database?.embedded) removeRuntime(env().KEEL_DATA_DIR);
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill("SIGTERM");
  await Promise.all([engine?.stop(), ...running.map((child) => new Promise((resolve) => child.once("exit", resolve)))]);
  await database?.stop().catch(() => {});
  process.exit(code);
}

function wantsStacks(): boolean {
  try {
    const level = env().LOG_LEVEL;
    return level === "debug" || level === "trace";
  } catch {
    return false;
  }
}

function localUrl(e: Env): string {
  return `http://${e.KEEL_HOST === "0.0.0.0" ? "127.0.0.1" : e.KEEL_HOST}:${String(e.PORT)}`;
}

async function main() {
  const e = (() => {
    try {
      return env();
    } catch (error) {
      if (error instanceof EnvError) fail(error.message);
      throw error;
    }
  })();

  const running = e.DATABASE_URL ? null : readRuntime(e.KEEL_DATA_DIR);
  if (running) {
    fail(
      `Keel is already running from this folder (pid ${String(running.pid)}${running.appUrl ? `, at ${running.appUrl}` : ""}). ` +
        `Stop it first (Ctrl-C in its terminal, or kill ${String(running.pid)}), or give a second Keel its own data folder and ports:\n` +
        `  KEEL_DATA_DIR=.keel-2 PORT=${String(e.PORT + 1)} ENGINE_PORT=${String(e.ENGINE_PORT + 1)} npm run ${mode}`,
    );
  }
  if (!(await isPortFree(e.PORT, e.KEEL_HOST))) {
    fail(
      `Port ${e.PORT} on ${e.KEEL_HOST} is already in use. Stop whatever uses it, or start Keel on another port:\n` +
        `  PORT=${e.PORT + 1} npm run ${mode}`,
    );
  }
  const smtpProblem = await inboundSmtpPortProblem(e);
  if (smtpProblem) fail(smtpProblem);
  if (mode === "start" && !fs.existsSync(path.resolve(".next", "BUILD_ID"))) {
    fail("There is no production build yet. Run `npm run build` first, then `npm start`.");
  }

  database = await resolveDatabase(e);
  console.log(`Keel database: ${database.description}`);
  await prepareDatabase(database.url, e, { seedIfEmpty: database.embedded });

  const inngestEnv: Record<string, string> = {};
  // The app registers this URL, whatever Host a request names; the embedded engine takes no other (ENGINE_APP_URLS).
  const serveUrl = e.KEEL_SERVE_URL ?? `${localUrl(e)}/api/inngest`;
  let signingKey: string | undefined;
  if (externalInngest(e)) {
    console.log(
      `Keel workflows: external Inngest (${e.INNGEST_BASE_URL ?? (e.INNGEST_DEV ? "dev server" : "Inngest Cloud")})`,
    );
  } else {
    const keys = localInngestKeys(e.KEEL_DATA_DIR);
    signingKey = keys.signingKey;
    const databaseUrl = database.url;
    // Restarted on the same port with the same keys, so the running app reaches it unchanged; runs resume from Postgres.
    engine = supervise({
      name: "Keel's Inngest engine",
      start: (signal) => startEngineProcess(e, databaseUrl, keys, signal, serveUrl),
      onRestarted: async () => {
        // The app, once started; before that, its own first sync is still to come.
        const [app] = children;
        if (!app) return;
        await syncApp(`${localUrl(e)}/api/inngest`, app, keys.signingKey);
        console.log("Keel workflows: functions synced to the restarted engine");
      },
      isHopeless: (error) => error instanceof EnginePortInUseError,
      // An engine whose process lives but which answers nothing for half a minute is restarted like a crashed one.
      watch: {
        healthy: async (started) => (await fetch(`${started.url}/health`, { signal: AbortSignal.timeout(5_000) })).ok,
        everyMs: 10_000,
        misses: 3,
      },
      onGiveUp: (reason) => {
        console.error(`\n${reason}\nRestarting Keel's Inngest engine cannot fix that, so Keel is stopping.\n`);
        void shutdown(1);
      },
      log: (line) => console.error(line),
    });
    const started = await engine.ready;
    Object.assign(inngestEnv, {
      INNGEST_BASE_URL: started.url,
      INNGEST_SIGNING_KEY: keys.signingKey,
      INNGEST_EVENT_KEY: keys.eventKey,
      KEEL_SERVE_URL: serveUrl,
    });
    console.log(`Keel workflows: embedded Inngest engine at ${started.url} (signed requests)`);
  }

  if (database.embedded) {
    const inngest =
      inngestEnv.INNGEST_BASE_URL && inngestEnv.INNGEST_EVENT_KEY
        ? { baseUrl: inngestEnv.INNGEST_BASE_URL, eventKey: inngestEnv.INNGEST_EVENT_KEY }
        : null;
    writeRuntime(e.KEEL_DATA_DIR, { pid: process.pid, appUrl: localUrl(e), databaseUrl: database.url, inngest });
  }

  const next = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), mode, "--port", String(e.PORT), "--hostname", e.KEEL_HOST],
    {
      stdio: "inherit",
      env: childEnv({
        DATABASE_URL: database.url,
        AUTH_SECRET: e.AUTH_SECRET ?? localAuthSecret(e.KEEL_DATA_DIR),
        NODE_ENV: mode === "dev" ? "development" : "production",
        NEXT_TELEMETRY_DISABLED: "1",
        KEEL_LAUNCHER: launcherIdentity(),
        ...inngestEnv,
      }),
    },
  );
  children.push(next);
  next.on("exit", (code) => void shutdown(code ?? 1));
  if (e.INBOUND_SMTP_PORT !== undefined) {
    const smtp = startInboundSmtpProcess({ DATABASE_URL: database.url, ...inngestEnv });
    children.push(smtp);
    smtp.on("exit", (code) => void shutdown(code ?? 1));
  }
  const appUrl = localUrl(e);
  console.log(`Keel app: ${appUrl} (${mode})`);
  if (!externalInngest(e)) {
    await syncApp(`${appUrl}/api/inngest`, next, signingKey);
    console.log("Keel workflows: functions synced to the engine");
  }
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(`\n${describeStartupFailure(error, { debug: wantsStacks() })}\n`);
  await shutdown(1);
});
