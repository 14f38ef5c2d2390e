import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { findFreePort } from "@/lib/net";
import { startBucket, type Bucket } from "./bucket";
import { runScript, startScript, startService, stopService, waitFor, type Env, type Service } from "./processes";

// Where the JSON report goes; the app's and the engine's logs are kept beside it.
const results = path.resolve(".tmp", "results");

/**
 * Keel as a deployment runs it, with what a deployer has (docs/deploy.md): an external PostgreSQL with Keel's and
 * the engine's databases, migrations and the first admin from a checkout, a bucket with the guide's CORS rule,
 * `next start` alone configured only by its environment, and an Inngest (Keel's engine in cloud mode, signing with
 * the app's keys) started on its own, which syncs the app as Inngest Cloud does.
 */
export default async function globalSetup() {
  const root = path.resolve(".tmp", `e2e-production-${String(process.pid)}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(results, { recursive: true });
  const services: Service[] = [];
  let database: EmbeddedDatabase | undefined;
  let bucket: Bucket | undefined;
  const teardown = async () => {
    for (const service of services.toReversed()) await stopService(service);
    await bucket?.stop();
    await database?.stop();
  };

  try {
    database = await startEmbeddedPostgres({ dataDir: path.join(root, "postgres"), ephemeral: true });
    const engineDatabaseUrl = await createDatabase(database, "inngest");
    const port = await findFreePort();
    const enginePort = await findFreePort();
    const origin = `http://127.0.0.1:${String(port)}`;
    bucket = await startBucket(path.join(root, "bucket"), origin);

    const keys = {
      INNGEST_SIGNING_KEY: `signkey-prod-${randomBytes(32).toString("hex")}`,
      INNGEST_EVENT_KEY: randomBytes(24).toString("hex"),
    };
    const app: Env = {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      AUTH_URL: origin,
      ...keys,
      // A self-hosted Inngest: the SDK sends events to and calls the API of this URL instead of Inngest Cloud's.
      INNGEST_BASE_URL: `http://127.0.0.1:${String(enginePort)}`,
      // A US business's deployment: its invoices' currency is the one its thresholds and limits are in, so no
      // exchange rate (none is loaded in a new database) stands between an approver and a spend.
      KEEL_BASE_CURRENCY: "USD",
      KEEL_PARSE_WORKERS: "1",
      // The least allowed, so the 40 MB scan's pages are read over several steps, as a long scan's are at the default:
      // its ten pages take 14 s of OCR on a quiet 2-core machine, more than the 9 s a 10 s step leaves for pages.
      KEEL_STEP_BUDGET_SECONDS: "10",
      KEEL_STORAGE: "s3",
      S3_ENDPOINT: bucket.endpoint,
      S3_REGION: "us-east-1",
      S3_BUCKET: bucket.name,
      S3_ACCESS_KEY_ID: bucket.accessKeyId,
      S3_SECRET_ACCESS_KEY: bucket.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    };

    runScript("scripts/check-production-env.ts", "scripts/check-production-env.ts", [], {
      ...app,
      KEEL_REQUIRE_PRODUCTION_ENV: "1",
    });
    // docs/deploy.md: migrations run on the direct URL, DATABASE_URL_UNPOOLED, as a production build applies them.
    const migrated = runScript("npm run db:migrate", "scripts/migrate.ts", [], { DATABASE_URL_UNPOOLED: database.url });
    if (!migrated.includes("Applying migrations to DATABASE_URL_UNPOOLED."))
      throw new Error(`npm run db:migrate did not use DATABASE_URL_UNPOOLED:\n${migrated}`);
    // The first admin as docs/deploy.md creates one, allowed to approve the spend the specs put before them.
    const created = runScript(
      "npm run keel -- create-user",
      "scripts/keel.ts",
      ["create-user", "--email", "admin@keel.example", "--name", "First Admin", "--role", "admin"].concat([
        "--limit",
        "100000.00",
        "--currency",
        "USD",
      ]),
      { DATABASE_URL: database.url },
    );
    const admin = { email: "admin@keel.example", password: generatedPassword(created) };

    const next = startService(
      "next start",
      path.resolve("node_modules/.bin/next"),
      ["start", "-p", String(port), "-H", "127.0.0.1"],
      app,
      path.join(root, "e2e-production-app.log"),
    );
    services.push(next);
    await waitFor(
      next,
      `${origin}/login answered`,
      async () => (await fetch(`${origin}/login`)).status === 200,
      60_000,
    );

    const engine = startScript(
      "the engine (scripts/engine.ts)",
      "scripts/engine.ts",
      {
        ...keys,
        ENGINE_DATABASE_URL: engineDatabaseUrl,
        ENGINE_PORT: String(enginePort),
        ENGINE_APP_URLS: `${origin}/api/inngest`,
      },
      path.join(root, "e2e-production-engine.log"),
    );
    services.push(engine);
    await waitFor(
      engine,
      "it synced the app",
      () => Promise.resolve(engine.log().includes('"msg":"app synced"')),
      60_000,
    );

    process.env.KEEL_E2E_BASE_URL = origin;
    process.env.KEEL_E2E_DATABASE_URL = database.url;
    process.env.KEEL_E2E_BUCKET_ORIGIN = bucket.endpoint;
    process.env.KEEL_E2E_ENGINE_URL = app.INNGEST_BASE_URL ?? "";
    process.env.KEEL_E2E_ADMIN_EMAIL = admin.email;
    process.env.KEEL_E2E_ADMIN_PASSWORD = admin.password;
  } catch (error) {
    const logs = services.map((s) => `--- ${s.name} (${s.logFile}) ---\n${s.log()}`).join("\n");
    await teardown();
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }

  return async () => {
    await teardown();
    // Kept beside the JSON report: what the app and the engine said is the first thing to read after a failure.
    for (const service of services)
      fs.copyFileSync(service.logFile, path.join(results, path.basename(service.logFile)));
    fs.rmSync(root, { recursive: true, force: true });
  };
}

/** `create-user` prints the password it generated, as the first admin sees it in the terminal. */
function generatedPassword(output: string): string {
  const match = /with password (\S+)/.exec(output);
  if (!match?.[1]) throw new Error(`create-user printed no password:\n${output}`);
  return match[1];
}

/** The engine's own database beside Keel's, on the same server, as a deployer would create it. */
async function createDatabase(database: EmbeddedDatabase, name: string): Promise<string> {
  const sql = postgres(database.adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await sql.end();
  }
  const url = new URL(database.url);
  url.pathname = `/${name}`;
  return url.toString();
}
