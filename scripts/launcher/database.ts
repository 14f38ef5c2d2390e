import path from "node:path";
import postgres from "postgres";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "@/db/embedded";
import type { Env } from "@/lib/env";
import { readRuntime } from "./runtime";

export class StartupError extends Error {
  override name = "StartupError";
}

export type ResolvedDatabase = { url: string; description: string; embedded: boolean; stop: () => Promise<void> };

/** Hides the password when a URL is shown to a person. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

function explain(error: unknown): string {
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return "nothing is listening at that host and port";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name does not resolve";
    case "CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return "the connection timed out";
    case "28P01":
    case "28000":
      return "the user name or password was refused";
    case "3D000":
      return "the database does not exist";
    default:
      return e.message ?? String(error);
  }
}

/** Fails with a sentence a person can act on when the database cannot be reached. */
export async function checkReachable(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new StartupError(
      `Cannot reach the database at ${redactUrl(url)}: ${explain(error)}.\n` +
        "Check DATABASE_URL, or unset it to let Keel start its own embedded PostgreSQL.",
    );
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** DATABASE_URL's PostgreSQL when set; otherwise an embedded one whose data lives in KEEL_DATA_DIR/postgres. */
export async function resolveDatabase(e: Env): Promise<ResolvedDatabase> {
  if (e.DATABASE_URL) {
    await checkReachable(e.DATABASE_URL);
    return {
      url: e.DATABASE_URL,
      description: `PostgreSQL from DATABASE_URL (${redactUrl(e.DATABASE_URL)})`,
      embedded: false,
      stop: async () => {},
    };
  }
  const running = readRuntime(e.KEEL_DATA_DIR);
  if (running) {
    await checkReachable(running.databaseUrl);
    return {
      url: running.databaseUrl,
      description: `the running Keel's embedded PostgreSQL (pid ${String(running.pid)})`,
      embedded: false,
      stop: async () => {},
    };
  }
  const dataDir = path.resolve(e.KEEL_DATA_DIR, "postgres");
  try {
    const db = await startEmbeddedPostgres({ dataDir, port: 54329 });
    if (db.stoppedOrphan) {
      console.log(
        `Stopped a PostgreSQL (pid ${String(db.stoppedOrphan)}) that a Keel which did not shut down had left running.`,
      );
    }
    return {
      url: db.url,
      description: `embedded PostgreSQL 18 on 127.0.0.1:${String(db.port)} (data in ${db.location})`,
      embedded: true,
      stop: db.stop,
    };
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw new StartupError(error.message);
    throw error;
  }
}
