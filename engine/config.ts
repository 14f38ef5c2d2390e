import { z } from "zod";

/** Everything the engine needs; startEngine() takes it directly, the CLI builds it from the environment. */
export type EngineConfig = {
  databaseUrl: string;
  port: number;
  host: string;
  /** Cloud mode when set: requests to apps are signed and their responses verified. */
  signingKey?: string | undefined;
  signingKeyFallback?: string | undefined;
  /** Cloud mode: the keys `/e/:key` accepts (the app's INNGEST_EVENT_KEY). Dev mode accepts any key. */
  eventKeys?: string[] | undefined;
  /** Serve URLs synced at start; when given, the only origins apps may register from. */
  appUrls: string[];
  /** Short timings for tests: durations scaled by timeScale, tiny backoff, short leases. */
  testTiming: boolean;
  /** Multiplies every sleep, timeout, debounce/throttle period and retry delay (1 = real time). */
  timeScale?: number | undefined;
  /** SDK calls one engine process makes at once. */
  workers: number;
  logLevel: string;
  /** Finished runs, their steps, attempts and the events no run needs are pruned this long after; 0 keeps all. */
  retentionDays: number;
  /**
   * Sends `ctx.fn_id` so the SDK runs steps one after another in one call and checkpoints each to
   * `/v1/checkpoint/{runId}/async`, as on Inngest Cloud; off, every step costs a call of its own.
   */
  checkpointing: boolean;
};

const bool = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

/** On unless turned off: the SDK's own default for checkpointing. */
const onByDefault = z
  .enum(["1", "0", "true", "false"], { message: "expected 1 or 0" })
  .optional()
  .transform((v) => v !== "0" && v !== "false");

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  ENGINE_DATABASE_URL: z.url().optional(),
  DATABASE_URL: z.url().optional(),
  ENGINE_PORT: z.coerce.number().int().min(0).max(65535).default(8288),
  ENGINE_HOST: z.string().min(1).default("127.0.0.1"),
  INNGEST_SIGNING_KEY: z
    .string()
    .regex(/^signkey-\w+-[0-9a-fA-F]+$/, "expected signkey-<env>-<hex>")
    .optional(),
  INNGEST_SIGNING_KEY_FALLBACK: z
    .string()
    .regex(/^signkey-\w+-[0-9a-fA-F]+$/, "expected signkey-<env>-<hex>")
    .optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  ENGINE_EVENT_KEYS: list,
  ENGINE_APP_URLS: list.pipe(z.array(z.url())),
  ENGINE_TEST_TIMING: bool,
  ENGINE_TIME_SCALE: z.coerce.number().positive().optional(),
  ENGINE_WORKERS: z.coerce.number().int().min(1).max(1000).default(20),
  ENGINE_LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  ENGINE_RETENTION_DAYS: z.coerce.number().min(0).max(36_500).default(7),
  ENGINE_DATA_DIR: z.string().min(1).default(".keel/engine"),
  ENGINE_CHECKPOINTING: onByDefault,
  // Set by Keel's launcher ("pid:start time"): the CLI ends itself when that process is gone.
  KEEL_LAUNCHER: z.string().optional(),
});

/** The CLI's settings: a config whose database may be missing, in which case the CLI starts its own in `dataDir`. */
export type EngineSettings = Omit<EngineConfig, "databaseUrl"> & {
  databaseUrl: string | undefined;
  dataDir: string;
  launcher: string | undefined;
};

/** Reads the engine's environment; throws an error naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): EngineSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid engine environment: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.ENGINE_DATABASE_URL ?? e.DATABASE_URL,
    dataDir: e.ENGINE_DATA_DIR,
    launcher: e.KEEL_LAUNCHER,
    port: e.ENGINE_PORT,
    host: e.ENGINE_HOST,
    signingKey: e.INNGEST_SIGNING_KEY,
    signingKeyFallback: e.INNGEST_SIGNING_KEY_FALLBACK,
    eventKeys: [...(e.INNGEST_EVENT_KEY ? [e.INNGEST_EVENT_KEY] : []), ...e.ENGINE_EVENT_KEYS],
    appUrls: e.ENGINE_APP_URLS,
    testTiming: e.ENGINE_TEST_TIMING,
    timeScale: e.ENGINE_TIME_SCALE,
    workers: e.ENGINE_WORKERS,
    logLevel: e.ENGINE_LOG_LEVEL,
    retentionDays: e.ENGINE_RETENTION_DAYS,
    checkpointing: e.ENGINE_CHECKPOINTING,
  };
}

/** The environment a spawned engine CLI inherits, plus `extra` (tests and the benchmark start the CLI). */
export function childEnvironment(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}

/** Log level for engines that tests start in-process: ENGINE_TEST_LOG, silent by default. */
export function testLogLevel(): string {
  return process.env.ENGINE_TEST_LOG || "silent";
}

/** Checkpointing for engines that tests start in-process: ENGINE_CHECKPOINTING, on unless `0` (a test project sets it). */
export function testCheckpointing(): boolean {
  return !["0", "false"].includes(process.env.ENGINE_CHECKPOINTING ?? "");
}

/** ENGINE_DATABASE_URL or DATABASE_URL when set (the benchmark uses an embedded server otherwise). */
export function configuredDatabaseUrl(): string | undefined {
  return process.env.ENGINE_DATABASE_URL || process.env.DATABASE_URL || undefined;
}
