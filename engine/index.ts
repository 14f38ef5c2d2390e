import type { AddressInfo } from "node:net";
import { ulid } from "ulid";
import type { EngineConfig } from "./config";
import type { EngineContext } from "./context";
import { connect } from "./db";
import { createLogger, type Logger } from "./log";
import { migrate } from "./migrations";
import { startRealtime, type Realtime } from "./realtime";
import { SyncError } from "./register";
import { startRetention } from "./retention";
import { createServer } from "./server";
import { syncServeUrl } from "./sync";
import { makeTiming } from "./timing";
import { Worker } from "./worker";

export { loadConfig, type EngineConfig } from "./config";
export { canonicalJson } from "./jcs";
export { SCHEMA } from "./db";
export { syncApp } from "./sync";

export type StartEngineOptions = Partial<Omit<EngineConfig, "databaseUrl">> & {
  databaseUrl: string;
  /** Defaults to a JSON pino logger on stdout at `logLevel`. */
  logger?: Logger;
};

export type RunningEngine = {
  /** e.g. http://127.0.0.1:8288 — give it to apps as INNGEST_BASE_URL / INNGEST_DEV. */
  url: string;
  mode: "dev" | "cloud";
  /** Syncs an app's serve URL (e.g. http://127.0.0.1:3000/api/inngest) now. */
  syncApp: (serveUrl: string) => Promise<{ appId?: string; functions: number }>;
  /** For the host process's uncaughtException handler: postgres@3.4.9 can throw from a timer when a connection dies. */
  recycleDatabase: (reason: string) => void;
  stop: () => Promise<void>;
};

const CONNECTION_ERRORS = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "57P01", // admin shutdown
  "57P02", // crash shutdown
  "57P03", // cannot connect now
]);

/**
 * A lost database connection that escaped every caller: the postgres@3.4.9 driver throws one from a timer after
 * a connection closed (porsager/postgres#1154/#1208) and can reject internal promises (LISTEN re-subscription)
 * nobody awaits. The host process should replace the pool, not die.
 */
export function isDatabaseConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const fromDriver = /postgres[\\/]src[\\/]/.test(error.stack ?? "");
  if (error instanceof TypeError) return fromDriver && /reading 'write'/.test(error.message);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && CONNECTION_ERRORS.has(code);
}

/** `quietAttempts`: failures expected while a neighbour boots are logged at debug level for that many attempts. */
async function withRetries<T>(
  what: string,
  log: Logger,
  attempts: number,
  body: () => Promise<T>,
  quietAttempts = 0,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await body();
    } catch (error) {
      // A config the engine refuses will not get better by asking again.
      if (i >= attempts || error instanceof SyncError) throw error;
      log[i <= quietAttempts ? "debug" : "warn"]({ err: error, attempt: i }, `${what} failed, retrying`);
      await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** i)));
    }
  }
}

export async function startEngine(options: StartEngineOptions): Promise<RunningEngine> {
  const eventKeys = options.eventKeys ?? [];
  if (options.signingKey && eventKeys.length === 0)
    throw new Error(
      "In cloud mode (a signing key is set) the engine takes events only under the apps' event keys: " +
        "set INNGEST_EVENT_KEY or ENGINE_EVENT_KEYS (the eventKeys option) to the key the apps send with.",
    );
  const workers = options.workers ?? 20;
  const log = options.logger ?? createLogger(options.logLevel ?? "info");
  const poolSize = workers + 5;
  const timing = makeTiming(options.testTiming ?? false, options.timeScale);
  const idleTransactionMs = timing.dbDeadlineMs * 3;
  const sql = connect(options.databaseUrl, poolSize, idleTransactionMs);
  await withRetries("migration", log, 20, () => migrate(sql));
  const workerRef: { current?: Worker } = {};
  const realtimeRef: { current?: Realtime } = {};
  let lastRecycle = 0;
  const ctx: EngineContext = {
    sql,
    recycleDb: (reason) => {
      if (Date.now() - lastRecycle < 2_000) return;
      lastRecycle = Date.now();
      log.error({ reason }, "database pool stalled: replacing it");
      const old = ctx.sql;
      ctx.sql = connect(options.databaseUrl, poolSize, idleTransactionMs);
      void workerRef.current?.listen();
      void realtimeRef.current?.listen();
      // Ending with no grace terminates the dead connections, which rejects whatever still waits on them.
      void old.end({ timeout: 0 }).catch(() => {});
    },
    log,
    timing,
    engineId: ulid(),
    signingKey: options.signingKey,
    signingKeyFallback: options.signingKeyFallback,
    eventKeys,
    appOrigins: [...new Set((options.appUrls ?? []).map((url) => new URL(url).origin))],
    checkpointing: options.checkpointing ?? true,
  };
  const worker = new Worker(ctx, workers);
  workerRef.current = worker;
  await worker.start();
  ctx.dispatcher = worker;
  const realtime = await startRealtime(ctx, options.databaseUrl);
  realtimeRef.current = realtime;
  const server = createServer(ctx, realtime);
  realtime.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8288, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const mode = ctx.signingKey ? "cloud" : "dev";
  log.info({ url, mode, engineId: ctx.engineId }, "engine started");
  const retention = startRetention(ctx, options.retentionDays ?? 7);

  let stopping = false;
  const syncApp = (serveUrl: string) => syncServeUrl(ctx, serveUrl);
  // Apps listed at start may still be booting: keep trying in the background.
  for (const appUrl of options.appUrls ?? []) {
    // About half a minute of quiet: a launcher starts the engine before the app it serves.
    void withRetries(
      `sync ${appUrl}`,
      log,
      300,
      async () => {
        if (stopping) return { functions: 0 };
        return syncApp(appUrl);
      },
      15,
    ).catch((error: unknown) => log.error({ err: error, appUrl }, "sync gave up"));
  }

  return {
    url,
    mode,
    syncApp,
    recycleDatabase: (reason) => ctx.recycleDb(reason),
    stop: async () => {
      stopping = true;
      await realtime.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await retention.stop();
      await worker.stop();
      await ctx.sql.end({ timeout: 5 });
      log.info({ engineId: ctx.engineId }, "engine stopped");
    },
  };
}
