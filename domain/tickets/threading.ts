/**
 * Which ticket an incoming email belongs to. Mail clients thread by headers, not subjects: a reply names its
 * parent in In-Reply-To and its ancestors in References (oldest first). A subject ("Re: my order") proves nothing
 * and anyone can type it, so it is never used. A header can be forged too, so a reply only joins a ticket of the
 * same customer; from anyone else it starts a ticket of its own.
 */

/** The threading headers of one message, ids bare (see `parseMessageIds`). */
export type ThreadHeaders = { messageId: string | null; inReplyTo: readonly string[]; references: readonly string[] };

/** A message Keel already holds: its id, the ticket it is on and that ticket's customer. */
export type KnownMessage = { messageId: string; ticketId: string; customerId: string };

export type ThreadDecision =
  | { kind: "duplicate"; ticketId: string }
  | { kind: "reply"; ticketId: string; parentId: string }
  | { kind: "new"; reason: "no_known_parent" | "other_customer" };

/** Every id whose ticket the decision needs, to look up in one query. */
export function threadLookupIds(headers: ThreadHeaders): string[] {
  return [...new Set([...(headers.messageId ? [headers.messageId] : []), ...headers.inReplyTo, ...headers.references])];
}

/**
 * The same message delivered twice is the ticket it made; a reply joins the ticket of its nearest known parent
 * (In-Reply-To, then References from the newest back) when that ticket is the sender's; anything else is new.
 */
export function threadTicket(
  headers: ThreadHeaders,
  customerId: string,
  known: readonly KnownMessage[],
): ThreadDecision {
  const byId = new Map(known.map((m) => [m.messageId, m]));
  const self = headers.messageId ? byId.get(headers.messageId) : undefined;
  if (self) return { kind: "duplicate", ticketId: self.ticketId };
  const parents = [...headers.inReplyTo, ...[...headers.references].reverse()];
  let foreign = false;
  for (const id of parents) {
    const parent = byId.get(id);
    if (!parent) continue;
    if (parent.customerId === customerId) return { kind: "reply", ticketId: parent.ticketId, parentId: id };
    foreign = true;
  }
  return { kind: "new", reason: foreign ? "other_customer" : "no_known_parent" };
}
