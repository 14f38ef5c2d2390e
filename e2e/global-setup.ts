import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import { findFreePort } from "@/lib/net";
import { waitForHttp } from "./support/processes";

/** Starts one Keel (launcher → next start) on its own embedded PostgreSQL for the whole run. */
export default async function globalSetup() {
  const root = path.resolve(".tmp", `e2e-${process.pid}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const database = await startEmbeddedPostgres({ dataDir: path.join(root, "postgres"), ephemeral: true });
  const port = await findFreePort();
  const smtpPort = await findFreePort();
  const logFile = path.join(root, "server.log");
  const log = fs.openSync(logFile, "w");
  const server = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts", "start"], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      ENGINE_PORT: String(await findFreePort()),
      KEEL_DATA_DIR: path.join(root, "data"),
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
      LOG_LEVEL: "warn",
      // The fast test clock: a day of deadline passes in two minutes, so escalation and expiry are testable.
      KEEL_DEADLINE_SCALE: "0.0014",
      // Keel's own inbound mail listener, so a spec can email a ticket in as a customer's mail server would.
      INBOUND_SMTP_PORT: String(smtpPort),
      INBOUND_SMTP_DOMAIN: "support.keel.test",
    },
    stdio: ["ignore", log, log],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/login`, server, 90_000);
  } catch (error) {
    server.kill("SIGKILL");
    await database.stop();
    throw new Error(`${(error as Error).message}\n--- server log ---\n${fs.readFileSync(logFile, "utf8")}`, {
      cause: error,
    });
  }
  process.env.KEEL_E2E_BASE_URL = baseUrl;
  process.env.KEEL_E2E_DATABASE_URL = database.url;
  process.env.KEEL_E2E_SMTP_PORT = String(smtpPort);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
    await database.stop();
    fs.rmSync(root, { recursive: true, force: true });
  };
}
