import { loadConfig } from "./config";
import { isPostgresWriteBug, startEngine } from "./index";

/** CLI: `tsx engine/main.ts`, configured only by environment variables (see engine/config.ts). */
async function main() {
  const config = loadConfig();
  const engine = await startEngine(config);
  process.on("uncaughtException", (error) => {
    if (isPostgresWriteBug(error)) {
      engine.recycleDatabase(error.message);
      return;
    }
    process.stderr.write(`uncaught exception: ${error.stack ?? String(error)}\n`);
    process.exit(1);
  });
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
