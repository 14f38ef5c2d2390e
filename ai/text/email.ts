import { simpleParser, type AddressObject, type Attachment as MailAttachment, type ParsedMail } from "mailparser";

import type { ExtractedText } from "@/domain/documents/types";
import { IntakeError } from "@/intake/errors";
import { sanitizeFilename } from "@/intake/filename";
import { checkAttachments, resolveLimits, type IntakeLimits } from "@/intake/limits";

import { orderScore, splitThread, stripSignature, type ThreadSegment } from "./thread";
import { withTimeout } from "@/lib/timeout";

/** A file that came with an email, for Keel to ingest as a document of its own. */
export type Attachment = { filename: string; contentType: string; bytes: Uint8Array };

export type EmailOptions = {
  limits?: Partial<Pick<IntakeLimits, "maxAttachments" | "maxAttachmentBytes" | "maxEmailNesting">>;
  timeoutMs?: number;
};

type ThreadMessage = ThreadSegment & { attachments: Attachment[] };

/** A body scoring this much on `orderScore` is taken for the document itself. */
const orderThreshold = 6;
// Parts that travel with mail but are no one's document: signatures, calendar invites, vCards, Outlook's TNEF wrapper.
const ignoredTypes =
  /^(application\/(pkcs7-signature|x-pkcs7-signature|pgp-signature|pgp-keys|ms-tnef)|text\/(calendar|x-vcard|vcard)|message\/delivery-status)/i;
/** Inline images (logos, social icons, Outlook's image001.png) below this size are decoration, not scans. */
const decorationBytes = 64 * 1024;

/**
 * Reads an email: finds, in a thread of replies and forwards, the message that carries the document (the most
 * recent one whose body reads like an order or invoice, else the one with the attachments, else the newest), and
 * returns its text with quoted history and signature removed, plus every attachment to ingest separately.
 */
export async function extractEmail(
  bytes: Uint8Array,
  options: EmailOptions = {},
): Promise<{ text: ExtractedText; attachments: Attachment[] }> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const limits = resolveLimits(options.limits);
  const messages = await withTimeout(
    "Reading the email",
    timeoutMs,
    readMessages(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, limits.maxEmailNesting),
  );
  const attachments = messages.flatMap((message) => message.attachments);
  checkAttachments(
    attachments.map((attachment) => ({ size: attachment.bytes.byteLength })),
    limits,
  );
  const { message, reason } = pickCarrier(messages);
  const index = messages.indexOf(message);
  const warnings = [
    messages.length > 1
      ? `The email holds a thread of ${messages.length} messages; read message ${index + 1}, counting from the newest${describe(message)}: ${reason}.`
      : null,
    message.body === "" ? "The email has no text of its own." : null,
  ].filter((warning): warning is string => warning !== null);
  return {
    text: { source: "email", pages: [{ page: 1, text: renderMessage(message), spans: [] }], warnings },
    attachments,
  };
}

/** The message itself, then its quoted history, then messages forwarded as attachments (each split the same way). */
async function readMessages(source: Buffer, depth: number, maxNesting: number): Promise<ThreadMessage[]> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, { keepCidLinks: true, skipImageLinks: true, maxHtmlLengthToParse: 5_000_000 });
  } catch (error) {
    throw new IntakeError(
      "unreadable",
      "The email is damaged and cannot be read. Save it again as .eml and upload it again.",
      { reason: String(error) },
    );
  }
  const body = mail.text ?? (mail.html ? await htmlToText(mail.html) : "");
  const [own, ...history] = splitThread(body, {
    from: address(mail.from),
    to: address(mail.to),
    date: mail.date?.toISOString(),
    subject: mail.subject,
  });
  const attachments: Attachment[] = [];
  const forwarded: ThreadMessage[] = [];
  for (const part of mail.attachments) {
    if (part.contentType.toLowerCase() === "message/rfc822") {
      // Deeper messages used to become documents of their own, each reading five more levels: work multiplied.
      if (depth >= maxNesting) throw tooDeep(maxNesting);
      forwarded.push(...(await readMessages(part.content, depth + 1, maxNesting)));
      continue;
    }
    if (ignoredTypes.test(part.contentType) || part.size === 0 || isDecoration(part)) continue;
    attachments.push({
      filename: sanitizeFilename(part.filename ?? "", { fallback: `attachment-${attachments.length + 1}` }),
      contentType: part.contentType,
      bytes: new Uint8Array(part.content.buffer, part.content.byteOffset, part.content.byteLength),
    });
  }
  const self: ThreadMessage = { ...(own ?? { body: "" }), attachments };
  return [self, ...history.map((segment) => ({ ...segment, attachments: [] })), ...forwarded];
}

function tooDeep(maxNesting: number): IntakeError {
  return new IntakeError(
    "too_large",
    `The email holds forwarded emails nested more than ${String(maxNesting)} levels deep, the limit. Forward the message that carries the document on its own (or upload its attachment) and try again.`,
    { maxEmailNesting: maxNesting },
  );
}

function isDecoration(part: MailAttachment): boolean {
  const inline = part.related || part.cid !== undefined || part.contentDisposition === "inline";
  return part.contentType.toLowerCase().startsWith("image/") && inline && part.size < decorationBytes;
}

function pickCarrier(messages: ThreadMessage[]): { message: ThreadMessage; reason: string } {
  const orderLike = messages.find((message) => orderScore(stripSignature(message.body)) >= orderThreshold);
  if (orderLike) return { message: orderLike, reason: "its text reads like an order or invoice" };
  const carrier = messages.find((message) => message.attachments.length > 0);
  if (carrier) return { message: carrier, reason: "it carries the attachments" };
  const newest = messages.find((message) => message.body.trim() !== "") ?? messages[0];
  if (!newest)
    throw new IntakeError("unreadable", "The email has no messages in it. Save it again as .eml and upload it again.");
  return { message: newest, reason: "it is the newest message" };
}

function renderMessage(message: ThreadMessage): string {
  const headers = [
    message.from && `From: ${message.from}`,
    message.to && `To: ${message.to}`,
    message.date && `Date: ${message.date}`,
    message.subject && `Subject: ${message.subject}`,
  ].filter(Boolean);
  const body = stripSignature(message.body);
  return headers.length > 0 ? `${headers.join("\n")}\n\n${body}` : body;
}

function describe(message: ThreadMessage): string {
  const parts = [message.from && `from ${message.from}`, message.date && `dated ${message.date}`].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function address(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined;
  return (Array.isArray(value) ? value : [value]).map((entry) => entry.text).join(", ") || undefined;
}

/** mailparser only turns HTML into text when it is the whole message; this makes it so, so the same converter runs. */
export async function htmlToText(html: string): Promise<string> {
  const mail = await simpleParser(
    Buffer.from(`Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${html}`, "utf8"),
  );
  return mail.text ?? "";
}
