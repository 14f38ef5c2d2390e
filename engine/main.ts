import { loadConfig } from "./config";
import { isDatabaseConnectionError, startEngine } from "./index";

/** CLI: `tsx engine/main.ts`, configured only by environment variables (see engine/config.ts). */
async function main() {
  const config = loadConfig();
  const engine = await startEngine(config);
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
    engine.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
