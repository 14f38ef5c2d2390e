import { z } from "zod";

import { parseTicketMailIsolated, sandboxSettings } from "@/ai/sandbox";
import type { TicketMail } from "@/ai/text/ticket-mail";
import type { Actor } from "@/db/queries/audit";
import { noteArrivalFindings } from "@/db/queries/ticket-arrival";
import { ticketBody } from "@/domain/tickets/message";
import { automatedMail } from "@/domain/tickets/automated-mail";
import { findOrderReference } from "@/domain/tickets/order-reference";
import { bodyFindings } from "@/domain/tickets/risk";
import { systemActors } from "@/domain/timeline";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

import { receiveTicketMessage, type ReceiveTicketMessageInput, type ReceiveTicketMessageResult } from "./receive";

/** The largest email Keel takes, by SMTP (552 beyond) or as an uploaded .eml. Support mail is words, not files. */
export const maxInboundMailBytes = 10 * 1024 * 1024;

/** Who handed Keel the message: the SMTP envelope's sender, when it came by SMTP. */
export type MailEnvelope = { from?: string | null };

const address = z.email();

/**
 * The sender a ticket answers: the From header, else the envelope's sender (a bare relay may drop From). A message
 * with neither has no one to reply to, so it is refused rather than stored as a ticket nobody can answer.
 */
function senderOf(mail: TicketMail, envelope: MailEnvelope): string {
  for (const candidate of [mail.fromAddress, envelope.from]) {
    if (candidate && address.safeParse(candidate.trim()).success) return candidate.trim();
  }
  throw new AppError(
    "invalid:email-sender",
    "The email has no sender address Keel can reply to. Send it from a mailbox with an address in its From line.",
  );
}

/** A parsed inbound email as the intake's input: the customer, the words, the order it names, the thread headers. */
export function ticketMailInput(
  mail: TicketMail,
  envelope: MailEnvelope = {},
  actor: Actor = systemActors.inboundEmail,
): ReceiveTicketMessageInput {
  return {
    source: "email",
    customerEmail: senderOf(mail, envelope),
    customerName: mail.fromName,
    subject: mail.subject,
    body: mail.text,
    orderReference: findOrderReference(mail.subject, mail.text),
    messageId: mail.messageId,
    // Clients put the parent alone here; the nearest one is what threading needs, the rest are in References.
    inReplyTo: mail.inReplyTo.at(-1) ?? null,
    references: mail.references,
    actor,
  };
}

/**
 * One inbound email, as raw RFC 5322 bytes from an uploaded .eml (or the SMTP listener, through `receiveSmtpMail`),
 * becomes a ticket or a reply on one. It is read in the sandbox; a new ticket whose message has no readable text, or
 * too much, says so at once. Resolves only once the message is stored, which is what lets the listener acknowledge it.
 */
export async function receiveInboundMail(
  bytes: Uint8Array,
  envelope: MailEnvelope = {},
  actor?: Actor,
): Promise<ReceiveTicketMessageResult> {
  return storeMail(await parseTicketMailIsolated(bytes, sandboxSettings(env())), envelope, actor);
}

/**
 * Mail the SMTP listener took: a person's becomes a ticket; a machine's (a bounce, an out-of-office) is acknowledged
 * and logged but makes none, so Keel's own replies never start a loop with an autoresponder.
 */
export async function receiveSmtpMail(
  bytes: Uint8Array,
  envelope: MailEnvelope,
): Promise<ReceiveTicketMessageResult | { ignored: string }> {
  const mail = await parseTicketMailIsolated(bytes, sandboxSettings(env()));
  const automated = automatedMail({ envelopeFrom: envelope.from, ...mail });
  if (automated.automated) {
    logger.info(
      { messageId: mail.messageId, from: mail.fromAddress, reason: automated.reason },
      "inbound email sent by a machine; no ticket made",
    );
    return { ignored: automated.reason };
  }
  return storeMail(mail, envelope);
}

async function storeMail(mail: TicketMail, envelope: MailEnvelope, actor?: Actor): Promise<ReceiveTicketMessageResult> {
  const result = await receiveTicketMessage(ticketMailInput(mail, envelope, actor));
  if (result.created) await noteArrivalFindings(result.ticketId, bodyFindings(ticketBody(mail.text)));
  return result;
}
