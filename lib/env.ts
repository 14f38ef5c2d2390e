import { z } from "zod";
import { parseRefundLimits } from "@/domain/tickets/risk";

/** The Messages API's effort levels (output_config.effort), lowest first. */
export const modelEfforts = ["low", "medium", "high", "xhigh", "max"] as const;

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), "must be a postgres:// or postgresql:// URL");

/** A URL with a host under one of `protocols` ("smtp:"), else `message`. */
const urlUnder = (protocols: string[], message: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return protocols.includes(url.protocol) && url.hostname !== "";
      } catch {
        return false;
      }
    }, message);

const smtpUrl = urlUnder(
  ["smtp:", "smtps:"],
  "must be an smtp:// or smtps:// URL with a host, like smtp://user:password@mail.example.com:587 (percent-encode special characters in the password)",
);

const mailbox = z
  .string()
  .trim()
  .regex(
    /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
    "must be an address, like keel@example.com or Keel <keel@example.com>",
  );

const otlpUrl = urlUnder(
  ["http:", "https:"],
  "must be an http:// or https:// URL of an OTLP/HTTP collector, like http://localhost:4318",
);

const rpmMessage = "must be a whole number of model calls per minute, 1 or more, such as 50";
const inFlightMessage = "must be a whole number of model calls at once, 1 or more, such as 4";

/** A duration as Inngest's timeouts take it ("30s", "4m", "1h30m"). */
const modelTimeout = z
  .string()
  .trim()
  .regex(/^(\d+(ms|s|m|h))+$/, { message: "must be a duration like 30s, 4m or 1h30m", abort: true })
  // Zero would set no timer at all: a lane that never gives way, or a call that may hang for good.
  .refine((text) => durationMs(text) > 0, "must be longer than zero, such as 30s");

/** Milliseconds of a duration modelTimeout accepted. */
export function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|s|m|h)/g))
    total += Number(amount) * (units[unit ?? "ms"] ?? 1);
  return total;
}

const inboundPortMessage = "must be a port from 1 to 65535, such as 2525 (or empty to take no email)";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), postgresUrl.optional()),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    KEEL_HOST: z.string().trim().min(1).default("127.0.0.1"),
    KEEL_DATA_DIR: z.string().trim().min(1).default(".keel"),
    KEEL_DEMO_PASSWORD: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(12, "must be at least 12 characters").optional(),
    ),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    AUTH_SECRET: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(32, "must be at least 32 characters (generate one with: openssl rand -base64 32)").optional(),
    ),
    AUTH_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
    // Where the workflow engine calls Keel (its /api/inngest); unset → AUTH_URL's origin, else KEEL_HOST:PORT.
    KEEL_SERVE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
    AUTH_OIDC_ISSUER: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().trim().min(1).default("Single sign-on"),
    // Inngest: unset → Keel's embedded engine; set → Inngest Cloud, a self-hosted Inngest or its dev server.
    INNGEST_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
    INNGEST_DEV: optionalString,
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .regex(/^signkey-\w+-[0-9a-fA-F]+$/, "must look like signkey-<env>-<hex>, as Inngest's dashboard shows it")
        .optional(),
    ),
    INNGEST_SIGNING_KEY_FALLBACK: optionalString,
    // Models: without ANTHROPIC_API_KEY the deterministic extractor is the whole chain.
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
    KEEL_MODEL_PRIMARY: z.string().trim().min(1).default("claude-sonnet-5-5"),
    KEEL_MODEL_FALLBACK: z.string().trim().min(1).default("claude-haiku-5-5"),
    KEEL_MODEL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
    // How hard a model with adaptive thinking works (output_config.effort); unset, each model's own default.
    KEEL_MODEL_EFFORT: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .enum(modelEfforts, { error: `must be one of ${modelEfforts.join(", ")}, or unset for the model's default` })
        .optional(),
    ),
    KEEL_DOCUMENT_TOKEN_BUDGET: z.coerce.number().int().min(1000).default(200_000),
    // One budget for every model call in Keel, held by the engine across all app instances: calls started per
    // minute and calls in flight, per lane. A call waiting longer than the start timeout goes to the next lane.
    KEEL_MODEL_RPM: z.coerce.number({ error: rpmMessage }).int(rpmMessage).min(1, rpmMessage).max(100_000).default(50),
    KEEL_MODEL_CONCURRENCY: z.coerce
      .number({ error: inFlightMessage })
      .int(inFlightMessage)
      .min(1, inFlightMessage)
      .max(1000)
      .default(4),
    KEEL_FALLBACK_MODEL_RPM: z.coerce
      .number({ error: rpmMessage })
      .int(rpmMessage)
      .min(1, rpmMessage)
      .max(100_000)
      .default(50),
    KEEL_FALLBACK_MODEL_CONCURRENCY: z.coerce
      .number({ error: inFlightMessage })
      .int(inFlightMessage)
      .min(1, inFlightMessage)
      .max(1000)
      .default(4),
    KEEL_MODEL_START_TIMEOUT: modelTimeout.default("30s"),
    KEEL_MODEL_FINISH_TIMEOUT: modelTimeout.default("4m"),
    // Spending tasks at or above this amount (minor units of KEEL_BASE_CURRENCY, others converted) need two distinct approvers.
    KEEL_FOUR_EYES_FROM_MINOR: z.coerce.number().int().min(0).default(1_000_000),
    // Approval limits in other currencies and the four-eyes threshold are compared through this currency's rates.
    KEEL_BASE_CURRENCY: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code, such as EUR or USD")
      .default("EUR"),
    // Multiplies every task's deadline: 1 in production; tests and demos shrink days to minutes with it.
    KEEL_DEADLINE_SCALE: z.coerce.number().positive("Use a number above 0, such as 1 or 0.001.").max(1000).default(1),
    // How long a person has to decide a ticket's task before it expires and nothing is refunded or sent (scaled as above).
    KEEL_TICKET_DECISION_HOURS: z.coerce
      .number({ error: "must be a number of hours, such as 24" })
      .positive("must be a number of hours above 0, such as 24")
      .max(24 * 30, "must be at most 720 hours (30 days)")
      .default(24),
    // The ticket risk rules' limits: a refund above its currency's limit (or in a currency without one) is flagged.
    KEEL_TICKET_REFUND_LIMITS: z
      .string()
      .default("EUR:100.00,USD:100.00,GBP:100.00")
      .transform((text, ctx) => {
        const parsed = parseRefundLimits(text);
        if (parsed.ok) return parsed.limits;
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }),
    KEEL_TICKET_REPEAT_REFUND_DAYS: z.coerce
      .number({ error: "must be a whole number of days, such as 90" })
      .int("must be a whole number of days, such as 90")
      .positive("must be a whole number of days above 0, such as 90")
      .max(3650, "must be at most 3650 days")
      .default(90),
    KEEL_TICKET_MIN_CONFIDENCE: z.coerce
      .number({ error: "must be a number from 0 to 1, such as 0.75" })
      .min(0, "must be a number from 0 to 1, such as 0.75")
      .max(1, "must be a number from 0 to 1, such as 0.75")
      .default(0.75),
    // Mail: without SMTP_URL emails stay in the outbox, readable under Settings → Mailbox.
    SMTP_URL: z.preprocess((v) => (v === "" ? undefined : v), smtpUrl.optional()),
    KEEL_MAIL_FROM: z.preprocess((v) => (v === "" ? undefined : v), mailbox.default("Keel <keel@localhost>")),
    // Tickets by email: unset, no SMTP listener runs; set, Keel takes mail for INBOUND_SMTP_DOMAIN on this port.
    INBOUND_SMTP_PORT: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce
        .number({ error: inboundPortMessage })
        .int(inboundPortMessage)
        .min(1, inboundPortMessage)
        .max(65535, inboundPortMessage)
        .optional(),
    ),
    // Set by the launcher on the processes it starts ("pid:start-time"), so they end when it is gone.
    KEEL_LAUNCHER: optionalString,
    // The domain whose every address is a support inbox; unset → the domain of KEEL_MAIL_FROM.
    INBOUND_SMTP_DOMAIN: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "must be a mail domain, like support.example.com")
        .optional(),
    ),
    // Documents are read in separate processes; one that takes longer or needs more memory than this fails for good.
    KEEL_PARSE_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
    KEEL_PARSE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
    KEEL_PARSE_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
    // A pipeline step that reads pages stops starting pages past this, so it ends within a serverless maxDuration.
    KEEL_STEP_BUDGET_SECONDS: z.coerce
      .number({ error: "must be a whole number of seconds from 10 to 900, such as 120" })
      .int("must be a whole number of seconds from 10 to 900, such as 120")
      .min(10, "must be a whole number of seconds from 10 to 900, such as 120")
      .max(900, "must be a whole number of seconds from 10 to 900, such as 120")
      .default(120),
    // Documents one upload may give rise to (email attachments, and theirs), counted over the whole tree.
    KEEL_MAX_DERIVED_DOCUMENTS: z.coerce.number().int().min(0).max(10_000).default(50),
    // Where originals live: "postgres" (one machine) or "s3", an S3-compatible bucket named by the S3_* variables.
    KEEL_STORAGE: z
      .preprocess(
        (v) => (v === "" ? undefined : v),
        z.enum(["postgres", "s3"], { error: 'must be "postgres" or "s3"' }).optional(),
      )
      .default("postgres"),
    // Unset for AWS S3; the URL of R2 (https://<account>.r2.cloudflarestorage.com), MinIO or another service otherwise.
    S3_ENDPOINT: z.preprocess(
      (v) => (v === "" ? undefined : v),
      urlUnder(["http:", "https:"], "must be an http:// or https:// URL, like http://localhost:9000").optional(),
    ),
    S3_REGION: optionalString,
    S3_BUCKET: optionalString,
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    // Largest file taken through the bucket (two-step upload); a single presigned PUT may carry up to 5 GB.
    KEEL_BUCKET_UPLOAD_MAX_MB: z.coerce
      .number({ error: "must be a whole number of megabytes, such as 100" })
      .int("must be a whole number of megabytes, such as 100")
      .min(1, "must be at least 1")
      .max(5000, "must be at most 5000 (5 GB, the most one PUT may carry)")
      .default(100),
    // MinIO and most self-hosted services need bucket names in the path rather than the host name.
    S3_FORCE_PATH_STYLE: z
      .preprocess(
        (v) => (v === "" ? undefined : v),
        z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).optional(),
      )
      .transform((v) => v === "true" || v === "1"),
    ENGINE_PORT: z.coerce.number().int().min(1).max(65535).default(8288),
    // The engine logs every call; in a terminal shared with the app only its warnings are worth the space.
    ENGINE_LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("warn"),
    // Traces: always recorded in process, exported over OTLP/HTTP only when one of these is set.
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((v) => (v === "" ? undefined : v), otlpUrl.optional()),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.preprocess((v) => (v === "" ? undefined : v), otlpUrl.optional()),
    // A collector that is down or slow costs at most this many buffered spans; the rest are dropped.
    OTEL_BSP_MAX_QUEUE_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(2048),
    OTEL_BSP_MAX_EXPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(512),
    OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).max(600_000).default(1000),
    OTEL_BSP_EXPORT_TIMEOUT: z.coerce.number().int().min(100).max(600_000).default(5000),
  })
  .superRefine((env, ctx) => {
    if (env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE > env.OTEL_BSP_MAX_QUEUE_SIZE) {
      ctx.addIssue({
        code: "custom",
        path: ["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"],
        message: `must not be above OTEL_BSP_MAX_QUEUE_SIZE (${String(env.OTEL_BSP_MAX_QUEUE_SIZE)})`,
      });
    }
    // Every attempt of a call that takes its time must fit, or the lane cuts calls that would have answered.
    const attempts = env.KEEL_MODEL_TIMEOUT_MS * 3;
    if (durationMs(env.KEEL_MODEL_FINISH_TIMEOUT) <= attempts) {
      ctx.addIssue({
        code: "custom",
        path: ["KEEL_MODEL_FINISH_TIMEOUT"],
        message: `must be longer than 3 attempts of KEEL_MODEL_TIMEOUT_MS (${String(attempts / 1000)}s), such as ${String(Math.ceil(attempts / 60_000) + 1)}m`,
      });
    }
    if (env.KEEL_STORAGE === "s3") {
      for (const name of ["S3_REGION", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const) {
        if (env[name] === undefined) {
          ctx.addIssue({ code: "custom", path: [name], message: "is required when KEEL_STORAGE=s3" });
        }
      }
    }
    const oidc = ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const;
    const set = oidc.filter((name) => env[name] !== undefined);
    if (set.length > 0 && set.length < oidc.length) {
      for (const name of oidc.filter((n) => env[n] === undefined)) {
        ctx.addIssue({ code: "custom", path: [name], message: `is required when ${set.join(", ")} is set` });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: { name: string; message: string }[]) {
    super(
      "Keel cannot start: some environment variables are wrong.\n" +
        problems.map((p) => `  ${p.name}: ${p.message}`).join("\n") +
        "\nFix them (see the README's table of environment variables) and start again.",
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => ({ name: issue.path.join(".") || "(environment)", message: issue.message })),
  );
}

let cached: Env | undefined;

/** The validated environment of this process; the only place Keel reads process.env. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment, so the next env() reads process.env again: for tests that change it. */
export function resetEnv(): void {
  cached = undefined;
}

/** Environment for a child process Keel starts (next, the engine): the parent's plus overrides. */
export function childEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** True when the environment points Keel at an Inngest it does not run itself. */
export function externalInngest(e: Env = env()): boolean {
  return Boolean(e.INNGEST_BASE_URL || e.INNGEST_DEV || e.INNGEST_SIGNING_KEY);
}

/**
 * The URL the workflow engine calls Keel at, fixed by configuration: were it taken from a request's Host header,
 * one PUT could point the engine, and every step's data with it, at another server.
 */
export function inngestServeUrl(e: Env = env()): URL {
  if (e.KEEL_SERVE_URL) return new URL(e.KEEL_SERVE_URL);
  if (e.AUTH_URL) return new URL("/api/inngest", new URL(e.AUTH_URL).origin);
  const host = ["0.0.0.0", "::"].includes(e.KEEL_HOST) ? "127.0.0.1" : e.KEEL_HOST;
  return new URL(`http://${host.includes(":") ? `[${host}]` : host}:${String(e.PORT)}/api/inngest`);
}

/** True when traces leave the process: an OTLP endpoint is configured. */
export function tracesExported(e: Env = env()): boolean {
  return Boolean(e.OTEL_EXPORTER_OTLP_ENDPOINT || e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export function oidcConfigured(e: Env = env()): boolean {
  return Boolean(e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_CLIENT_ID && e.AUTH_OIDC_CLIENT_SECRET);
}

/** The SMTP server as it may be shown to people: host and port, never the credentials. */
export function smtpServer(e: Env = env()): string | undefined {
  return e.SMTP_URL === undefined ? undefined : new URL(e.SMTP_URL).host;
}

/** The mail domain whose every address takes support tickets: INBOUND_SMTP_DOMAIN, else KEEL_MAIL_FROM's. */
export function inboundMailDomain(e: Env = env()): string {
  if (e.INBOUND_SMTP_DOMAIN) return e.INBOUND_SMTP_DOMAIN;
  const from = /@([^\s<>@]+)>?\s*$/.exec(e.KEEL_MAIL_FROM)?.[1];
  return (from ?? "localhost").toLowerCase();
}
