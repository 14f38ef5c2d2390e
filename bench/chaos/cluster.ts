import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { destroyEmbeddedData, startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { syncApp } from "@/scripts/launcher/engine";
import { findFreePort, isPortFree } from "@/lib/net";
import { until } from "../../tests/engine/helpers";
import { startTsProcess, type Child } from "../../tests/engine/processes";

/**
 * The three processes the chaos run kills: PostgreSQL (embedded, one data folder kept across restarts), the
 * engine (engine/main.ts, cloud mode with keys, as the launcher runs it) and the app (Keel's real /api/inngest
 * route). Each `kill…` returns once the replacement is up, on the same port.
 */
export type Cluster = {
  databaseUrl: () => string;
  engineUrl: string;
  appUrl: string;
  keys: { signingKey: string; eventKey: string };
  killEngine: () => Promise<void>;
  killApp: () => Promise<void>;
  killPostgres: () => Promise<void>;
  output: () => string;
  stop: () => Promise<void>;
};

export async function startCluster(dataDir: string): Promise<Cluster> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  let pg: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir });
  const pgPort = pg.port;
  const keys = {
    signingKey: `signkey-chaos-${randomBytes(32).toString("hex")}`,
    eventKey: randomBytes(24).toString("hex"),
  };
  const enginePort = await findFreePort();
  const appPort = await findFreePort();
  const engineUrl = `http://127.0.0.1:${String(enginePort)}`;
  const appUrl = `http://127.0.0.1:${String(appPort)}/api/inngest`;
  const inngest = { INNGEST_SIGNING_KEY: keys.signingKey, INNGEST_EVENT_KEY: keys.eventKey };
  const startEngine = () =>
    startTsProcess(
      "engine/main.ts",
      {
        ENGINE_DATABASE_URL: pg.url,
        ENGINE_PORT: String(enginePort),
        ENGINE_HOST: "127.0.0.1",
        ENGINE_APP_URLS: appUrl,
        ENGINE_LOG_LEVEL: "error",
        ...inngest,
      },
      /Inngest engine listening/,
      60_000,
    );
  const startApp = () =>
    startTsProcess(
      "bench/chaos/app.ts",
      {
        DATABASE_URL: pg.url,
        INNGEST_BASE_URL: engineUrl,
        KEEL_SERVE_URL: appUrl,
        APP_PORT: String(appPort),
        LOG_LEVEL: "error",
        ...inngest,
      },
      /app listening/,
      120_000,
    );
  let engine: Child = await startEngine();
  let app: Child = await startApp();
  await syncApp(appUrl, app.process, keys.signingKey);
  const retired: string[] = [];
  const freed = (port: number) =>
    until(`port ${String(port)} free`, async () => (await isPortFree(port)) || undefined, 60_000);

  return {
    databaseUrl: () => pg.url,
    engineUrl,
    appUrl,
    keys,
    killEngine: async () => {
      await engine.kill();
      retired.push(engine.output());
      await freed(enginePort);
      engine = await startEngine();
    },
    killApp: async () => {
      await app.kill();
      retired.push(app.output());
      await freed(appPort);
      app = await startApp();
    },
    killPostgres: async () => {
      crashPostgres(pg.dataDir);
      // The server is already gone: this only collects its exit and releases the folder's lock.
      await pg.stop();
      await freed(pgPort);
      pg = await startEmbeddedPostgres({ dataDir, port: pgPort });
      if (pg.port !== pgPort)
        throw new Error(
          `PostgreSQL came back on port ${String(pg.port)}, not ${String(pgPort)}: the engine and app would be stranded`,
        );
    },
    output: () => [...retired, engine.output(), app.output()].join("\n"),
    stop: async () => {
      await app.kill();
      await engine.kill();
      await pg.stop();
      destroyEmbeddedData(dataDir);
      fs.rmSync(`${dataDir}.lock`, { force: true });
    },
  };
}

/**
 * kill -9 of the postmaster and its backends at once, as a power cut would leave them: the next start runs crash
 * recovery. Backends left alive would keep the old shared memory and make the restart refuse to start.
 */
function crashPostgres(dataDir: string): void {
  const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const backends = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => parentOf(pid) === postmaster)
    .map(Number);
  for (const pid of [postmaster, ...backends]) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command sits in parentheses and may hold spaces; the parent pid is the second field after it.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}
