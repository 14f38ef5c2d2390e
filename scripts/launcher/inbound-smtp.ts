import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { childEnv, type Env } from "@/lib/env";
import { isPortFree } from "@/lib/net";
import { launcherIdentity } from "@/scripts/launcher/orphan-guard";

/** Why the inbound mail listener cannot start on this machine, said before anything else starts; null when it can. */
export async function inboundSmtpPortProblem(e: Env): Promise<string | null> {
  const port = e.INBOUND_SMTP_PORT;
  if (port === undefined || (await isPortFree(port, e.KEEL_HOST))) return null;
  return (
    `Port ${String(port)} on ${e.KEEL_HOST} (INBOUND_SMTP_PORT) is already in use: another mail server or another Keel?\n` +
    `Stop it, or give Keel's support inbox another port: INBOUND_SMTP_PORT=${String(port + 1)}`
  );
}

/**
 * Starts scripts/inbound-smtp.ts as its own process, with the app's database and workflow settings (`overrides`),
 * so a message becomes a ticket exactly as one from the app would. One process for the whole Keel, not one per app
 * instance: a port takes one listener. It is a child like the app, so it stops with Keel.
 */
export function startInboundSmtpProcess(overrides: Record<string, string>): ChildProcess {
  const loader = pathToFileURL(path.resolve("node_modules/tsx/dist/loader.mjs")).href;
  return spawn(process.execPath, ["--import", loader, path.resolve("scripts/inbound-smtp.ts")], {
    stdio: ["ignore", "inherit", "inherit"],
    env: childEnv({ ...overrides, KEEL_LAUNCHER: launcherIdentity() }),
  });
}
