import fs from "node:fs";
import path from "node:path";
import type { InngestFunction } from "inngest";
import { startEmbeddedPostgres } from "@/db/embedded";
import { closeDatabase, connect, setDatabase } from "@/db/index";
import { applyMigrations } from "@/db/migrate";
import { startEngine } from "@/engine/index";
import { startApp } from "../tests/engine/app-server";

export const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * A whole Keel for a benchmark: embedded PostgreSQL in .tmp, migrated, the real engine, and Keel's functions behind
 * the real serve() handler, synced. `stop` tears it all down and removes the data.
 */
export async function startBenchKeel(name: string): Promise<{ stop: () => Promise<void> }> {
  const dataDir = path.resolve(".tmp", `bench-${name}-${String(process.pid)}`);
  const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const database = connect(pg.url, { max: 10 });
  setDatabase(database);
  await applyMigrations(database);
  const engine = await startEngine({ databaseUrl: pg.url, port: 0, logLevel: "silent" });
  process.env.INNGEST_DEV = engine.url;
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.LOG_LEVEL = "silent";
  const { inngest } = await import("@/services/events/client");
  const { functions } = (await import("@/inngest/functions")) as { functions: InngestFunction.Any[] };
  const app = await startApp(inngest, functions);
  await fetch(app.url, { method: "PUT" });
  return {
    stop: async () => {
      await app.close();
      await engine.stop();
      await closeDatabase(database);
      await pg.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
