import path from "node:path";
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedDatabase } from "@/db/embedded";
import { exitWithLauncher } from "@/scripts/launcher/orphan-guard";
import { loadConfig } from "@/engine/config";
import { isDatabaseConnectionError, startEngine } from "@/engine/index";

/**
 * CLI: `tsx scripts/engine.ts`, configured only by environment variables (see engine/config.ts). Like Inngest's dev
 * server it needs nothing: without a database URL it starts an embedded PostgreSQL of its own in ENGINE_DATA_DIR.
 */
async function main() {
  const settings = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  if (!settings.databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: path.join(settings.dataDir, "postgres"), database: "inngest" });
    process.stdout.write(
      `Engine database: embedded PostgreSQL on 127.0.0.1:${String(embedded.port)} (data in ${embedded.location})\n`,
    );
  }
  const engine = await startEngine({ ...settings, databaseUrl: settings.databaseUrl ?? embedded?.url ?? "" }).catch(
    async (error: unknown) => {
      await embedded?.stop();
      throw error;
    },
  );
  // The engine is crash-safe, so anything unexpected ends the process (a supervisor restarts it); a lost
  // database connection the driver failed to report to its caller only replaces the pool.
  const onEscaped = (error: unknown) => {
    if (isDatabaseConnectionError(error)) {
      engine.recycleDatabase(error instanceof Error ? error.message : String(error));
      return;
    }
    process.stderr.write(
      `uncaught exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  };
  process.on("uncaughtException", onEscaped);
  process.on("unhandledRejection", onEscaped);
  process.stdout.write(`Inngest engine listening on ${engine.url} (${engine.mode} mode)\n`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    engine
      .stop()
      .then(() => embedded?.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  exitWithLauncher(settings.launcher);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  process.stderr.write(
    code === "EADDRINUSE"
      ? `The engine's port is already in use (an Inngest dev server, or another engine?). Stop it, or set ENGINE_PORT to another port.\n`
      : `${error instanceof EmbeddedPostgresError ? "" : "The engine could not start: "}${message}\n`,
  );
  process.exit(1);
});
