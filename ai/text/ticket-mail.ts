import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";

import { maxTicketBodyChars, parseMessageIds } from "@/domain/tickets/message";
import { IntakeError } from "@/intake/errors";
import { TimeoutError, withTimeout } from "@/lib/timeout";

import { htmlToText } from "./email";

/** What a ticket needs from one inbound email, as plain data that crosses the sandbox's process boundary. */
export type TicketMail = {
  fromAddress: string | null;
  fromName: string | null;
  to: string | null;
  subject: string;
  /** The message's words: its text part, else its HTML as text, else "" (nothing a person could read). */
  text: string;
  /** Ids bare, without angle brackets. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  /** What marks machine-sent mail (RFC 3834), raw, for `automatedMail`. */
  autoSubmitted: string | null;
  precedence: string | null;
  autoreplyHeader: boolean;
};

/**
 * One past the stored limit: the body crossing back from the sandbox stays small, and the intake's own bound
 * (`ticketBody`) still sees that something was cut and records it.
 */
const returnedChars = maxTicketBodyChars + 1;

/**
 * Reads an inbound support email. Only the message itself is a ticket: attachments and forwarded mail are not
 * read, since a ticket holds the customer's words, not files. Runs inside the sandbox: the bytes are anyone's.
 */
export async function parseTicketMail(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<TicketMail> {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let mail: ParsedMail;
  try {
    mail = await withTimeout(
      "Reading the email",
      options.timeoutMs ?? 30_000,
      simpleParser(source, { skipImageLinks: true, maxHtmlLengthToParse: 5_000_000 }),
    );
  } catch (error) {
    if (error instanceof TimeoutError) throw error;
    throw new IntakeError(
      "unreadable",
      "The email is damaged and cannot be read. Save it again as .eml and send it again.",
      {
        reason: String(error),
      },
    );
  }
  const text = await bodyOf(mail);
  const from = firstAddress(mail.from);
  return {
    fromAddress: from?.address ?? null,
    fromName: from?.name ?? null,
    to: addressText(mail.to),
    subject: (mail.subject ?? "").trim(),
    text: text.slice(0, returnedChars),
    messageId: parseMessageIds(mail.messageId, 1)[0] ?? null,
    inReplyTo: parseMessageIds(headerText(mail, "in-reply-to")),
    references: parseMessageIds(headerText(mail, "references")),
    autoSubmitted: headerText(mail, "auto-submitted") || null,
    precedence: headerText(mail, "precedence") || null,
    autoreplyHeader: mail.headers.has("x-autoreply") || mail.headers.has("x-autorespond"),
  };
}

/** mailparser already gives an HTML-only message's text as `text`; a message with neither part reads as "". */
async function bodyOf(mail: ParsedMail): Promise<string> {
  if (mail.text !== undefined && mail.text.trim() !== "") return mail.text;
  if (typeof mail.html === "string" && mail.html.trim() !== "") return htmlToText(mail.html);
  return "";
}

/** A header as its raw text; mailparser splits References into an array and keeps In-Reply-To a string. */
function headerText(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === "string").join(" ");
  return "";
}

function firstAddress(
  value: AddressObject | AddressObject[] | undefined,
): { address: string; name: string | null } | null {
  for (const group of Array.isArray(value) ? value : value ? [value] : []) {
    for (const entry of group.value) {
      if (entry.address) return { address: entry.address, name: entry.name.trim() || null };
    }
  }
  return null;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | null {
  if (!value) return null;
  return (Array.isArray(value) ? value : [value]).map((entry) => entry.text).join(", ") || null;
}
