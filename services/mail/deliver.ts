import { createHash } from "node:crypto";
import type { OutboxEmail } from "@/db/schema";
import { SpanStatusCode } from "@opentelemetry/api";
import { env } from "@/lib/env";
import { withCorrelation } from "@/lib/telemetry/correlation";
import { withSpan } from "@/lib/telemetry/span";
import { classifySmtpError, type DeliveryFailure } from "./classify";
import { mailTransport } from "./transport";

export type Delivery = { ok: true; messageId: string } | { ok: false; failure: DeliveryFailure };

/**
 * The same outbox row always gets the same Message-ID, so a message sent again after a crash between sending
 * and marking it sent is recognisable to receivers as the one they already have.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^\s<>@]+)>?$/.exec(from)?.[1] ?? "localhost";
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}.keel@${domain}>`;
}

type Sendable = Pick<OutboxEmail, "idempotencyKey" | "to" | "subject" | "body"> &
  Partial<Pick<OutboxEmail, "inReplyTo" | "references">>;

/**
 * Hands one email to the SMTP server; a refusal or a network problem comes back as a classified failure. Traced
 * as an email.send span under the document the email is about.
 */
export async function deliverEmail(email: Sendable & { documentId?: string | null }): Promise<Delivery> {
  return withCorrelation({ documentId: email.documentId ?? undefined }, () =>
    withSpan("email.send", { "messaging.system": "smtp" }, async (span) => {
      const delivery = await sendOverSmtp(email);
      if (delivery.ok) span.setAttribute("messaging.message.id", delivery.messageId);
      else span.setStatus({ code: SpanStatusCode.ERROR, message: delivery.failure.error });
      return delivery;
    }),
  );
}

const bracketed = (id: string) => `<${id}>`;

async function sendOverSmtp(email: Sendable): Promise<Delivery> {
  const transport = mailTransport();
  if (!transport) return { ok: false, failure: { permanent: false, error: "no SMTP server is configured (SMTP_URL)" } };
  const from = env().KEEL_MAIL_FROM;
  const messageId = messageIdFor(email.idempotencyKey, from);
  try {
    await transport.sendMail({
      from,
      to: email.to,
      subject: email.subject,
      text: email.body,
      messageId,
      ...(email.inReplyTo ? { inReplyTo: bracketed(email.inReplyTo) } : {}),
      ...(email.references?.length ? { references: email.references.map(bracketed) } : {}),
      // RFC 3834: tells vacation responders and other robots not to answer a machine.
      headers: { "Auto-Submitted": "auto-generated" },
    });
    return { ok: true, messageId };
  } catch (error) {
    return { ok: false, failure: classifySmtpError(error) };
  }
}
