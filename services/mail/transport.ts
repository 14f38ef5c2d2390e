import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env } from "@/lib/env";

// nodemailer waits up to two minutes to connect and ten of silence by default: a stuck server would hold a
// claimed batch far past the outbox's five-minute claim.
const TIMEOUT_MS = 10_000;

let cached: { url: string; transport: Transporter<SMTPTransport.SentMessageInfo> } | undefined;

export function mailConfigured(): boolean {
  return env().SMTP_URL !== undefined;
}

/** The transport to SMTP_URL, or undefined without one; made again when the URL changes. */
export function mailTransport(): Transporter<SMTPTransport.SentMessageInfo> | undefined {
  const url = env().SMTP_URL;
  if (url === undefined) return undefined;
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = {
      url,
      transport: nodemailer.createTransport({
        url,
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS,
      }),
    };
  }
  return cached.transport;
}
