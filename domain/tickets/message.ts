import { storableText } from "../parse/storable-text";

/**
 * The most of a message body a ticket keeps. A support message longer than this is not a message a person reads
 * whole; the rest is cut off at a character boundary and the ticket says so, so a 5 MB email never reaches the
 * model, the page or a row as a whole.
 */
export const maxTicketBodyChars = 100_000;

/** At most this many References are kept from one message: enough for any real thread, bounded for a forged one. */
export const maxThreadReferences = 100;

/** Message-IDs longer than a header line may be are not ids. */
const maxMessageIdLength = 998;

/** `text` cut to `maxTicketBodyChars`, never splitting a surrogate pair, and whether anything was cut. */
export function boundTicketBody(text: string, max = maxTicketBodyChars): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return { text: text.slice(0, end), truncated: true };
}

/**
 * A message body as a ticket keeps it: bounded, and with what PostgreSQL refuses (NUL, lone surrogates) replaced,
 * so a hostile email is stored as text a person can read rather than failing its insert. The intake's one call.
 */
export function ticketBody(text: string): { text: string; truncated: boolean } {
  const bounded = boundTicketBody(text);
  return { text: storableText(bounded.text), truncated: bounded.truncated };
}

/**
 * The ids in a Message-ID, In-Reply-To or References header, bare (without the angle brackets), in order, each once,
 * at most `limit`. Text outside angle brackets (comments, stray words some clients add) is ignored. One linear scan.
 */
export function parseMessageIds(header: string | null | undefined, limit = maxThreadReferences): string[] {
  if (!header) return [];
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const match of header.matchAll(/<([^<>\s]+)>/g)) {
    const id = match[1];
    if (id === undefined || id.length > maxMessageIdLength || seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  // A forged header may list thousands; the nearest parents are at the end, so those are the ones kept.
  return ids.length > limit ? ids.slice(-limit) : ids;
}
