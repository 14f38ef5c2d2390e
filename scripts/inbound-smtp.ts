import { closeDocumentPool } from "@/ai/sandbox";
import { closeDatabase } from "@/db/index";
import { env, EnvError } from "@/lib/env";
import { logger } from "@/lib/logger";
import { exitWithLauncher } from "@/scripts/launcher/orphan-guard";
import { startInboundSmtpFromEnv } from "@/services/tickets/smtp-listener";

/**
 * `npm run inbound-smtp`: Keel's inbound mail listener as a process of its own. The launcher starts one beside the
 * app when INBOUND_SMTP_PORT is set; a deployment that runs several app instances runs exactly one of these, since
 * a port takes one listener and a message must become one ticket.
 */
async function main() {
  const e = env();
  const listener = await startInboundSmtpFromEnv(e);
  if (!listener) {
    console.error(
      "INBOUND_SMTP_PORT is not set, so there is nothing to listen on. Set it (such as 2525) and start again.",
    );
    process.exit(1);
  }
  console.log(`Keel support inbox: SMTP on ${e.KEEL_HOST}:${String(listener.port)}`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // Mail being stored is finished first: a message cut off now is one its sender was never told we took.
    listener
      .close()
      .then(() => Promise.all([closeDocumentPool(), closeDatabase()]))
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  exitWithLauncher(e.KEEL_LAUNCHER);
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else logger.error({ err: error }, "the inbound SMTP listener could not start");
  process.exit(1);
});
