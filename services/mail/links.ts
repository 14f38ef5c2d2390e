import { env } from "@/lib/env";

/**
 * A queued email holds a marker where each action link goes; the link itself is minted only when the email is
 * handed to SMTP. Only markers of links recorded for that email are replaced, so text that merely looks like one
 * (in a vendor's email, in a document's description) never becomes a link.
 */
export const linkMarker = (action: string) => `{{keel-link:${action}}}`;

const markerPattern = /\{\{keel-link:([a-z_]+)\}\}/g;

/** Where people reach this Keel, for links in emails. */
export function appUrl(): string {
  const e = env();
  return (e.AUTH_URL ?? `http://${e.KEEL_HOST === "0.0.0.0" ? "127.0.0.1" : e.KEEL_HOST}:${String(e.PORT)}`).replace(
    /\/$/,
    "",
  );
}

export const actionLinkUrl = (base: string, token: string) => `${base}/t/${token}`;

/** The body as sent: each marker of a minted link replaced by its URL. */
export function renderLinks(body: string, tokens: Readonly<Record<string, string>>, base: string): string {
  return body.replace(markerPattern, (marker, action: string) => {
    const token = tokens[action];
    return token === undefined ? marker : actionLinkUrl(base, token);
  });
}

/** The body as an admin may read it: where a link goes, to whom it went, and nothing anyone could follow. */
export function redactLinks(body: string, to: string): string {
  return body.replace(markerPattern, (_marker, action: string) => `[${action} link — sent to ${to}, not shown]`);
}
