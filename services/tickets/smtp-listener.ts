import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

import { isParseBudgetError } from "@/ai/sandbox";
import { env, inboundMailDomain, type Env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { withSpan } from "@/lib/telemetry/span";

import { maxInboundMailBytes, receiveSmtpMail, type MailEnvelope } from "./inbound-mail";

export { maxInboundMailBytes };

export type InboundSmtpOptions = {
  port: number;
  host: string;
  /** Every address at this domain is a support inbox; mail for anyone else is refused, so Keel is no open relay. */
  domain: string;
  maxBytes?: number;
  receive?: (bytes: Uint8Array, envelope: MailEnvelope) => Promise<unknown>;
};

export type InboundSmtp = { port: number; close: () => Promise<void> };

function reply(code: number, message: string): Error {
  return Object.assign(new Error(message.replace(/\s+/g, " ").trim()), { responseCode: code });
}

/** Collects the message, reading on past the limit (the client must finish DATA to hear the 552) but keeping none of it. */
async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks, size);
}

/**
 * What the sender hears when storing failed: a message Keel will never take is refused for good (5xx, the sender's
 * server bounces it with our reason); anything else is 451, so the sender's server keeps it and tries again.
 */
function refusalOf(error: unknown): Error {
  if (error instanceof AppError) return reply(554, `5.6.0 ${error.message}`);
  if (isParseBudgetError(error)) return reply(554, "5.6.0 The email is built in a way Keel cannot read in time.");
  return reply(451, "4.3.0 Keel could not store the message just now; try again later.");
}

function envelopeOf(session: SMTPServerSession): MailEnvelope {
  const from = session.envelope.mailFrom;
  return { from: from ? from.address : null };
}

/**
 * Keel's inbound mail server: plain SMTP (a relay in front terminates TLS), no login, mail for `domain` only, and a
 * 250 only after the ticket is stored — a crash before that leaves the message with the sender, who retries.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const maxBytes = options.maxBytes ?? maxInboundMailBytes;
  const receive = options.receive ?? receiveSmtpMail;
  const domain = options.domain.toLowerCase();
  const server = new SMTPServer({
    name: domain,
    banner: "Keel support inbox",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxBytes,
    maxClients: 50,
    socketTimeout: 60_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf("@");
      const recipientDomain = at < 0 ? "" : address.address.slice(at + 1).toLowerCase();
      if (recipientDomain === domain) {
        callback();
        return;
      }
      callback(reply(550, `5.1.1 ${address.address} is not a mailbox here; Keel takes mail for @${domain}.`));
    },
    onData(stream, session, callback) {
      void (async () => {
        const bytes = await readMessage(stream, maxBytes);
        if (!bytes) {
          callback(
            reply(552, `5.3.4 The message is larger than ${String(maxBytes)} bytes, the limit; send it smaller.`),
          );
          return;
        }
        try {
          await withSpan(
            "tickets.inbound-email",
            { "messaging.system": "smtp", "messaging.message.body.size": bytes.byteLength },
            () => receive(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), envelopeOf(session)),
          );
          callback();
        } catch (error) {
          const refusal = refusalOf(error);
          logger.warn({ err: error, session: session.id }, `inbound email refused: ${refusal.message}`);
          callback(refusal);
        }
      })().catch((error: unknown) => {
        logger.error({ err: error, session: session.id }, "inbound email could not be read from the connection");
        callback(reply(451, "4.3.0 Keel could not read the message; try again later."));
      });
    },
  });
  server.on("error", (error) => {
    logger.error({ err: error }, "the inbound SMTP listener had an error");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ port, host: options.host, domain }, "listening for support email");
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The listener as configured: none when INBOUND_SMTP_PORT is unset, which is the default. */
export async function startInboundSmtpFromEnv(e: Env = env()): Promise<InboundSmtp | null> {
  if (e.INBOUND_SMTP_PORT === undefined) return null;
  return startInboundSmtp({ port: e.INBOUND_SMTP_PORT, host: e.KEEL_HOST, domain: inboundMailDomain(e) });
}
