import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const stripPrefix = (key: string) => key.replace(/^signkey-\w+-/, "");

/** X-Inngest-Signature for a request or response body, as the SDK computes it. */
export function signBody(body: string, signingKey: string, unixSeconds = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", stripPrefix(signingKey)).update(`${body}${unixSeconds}`).digest("hex");
  return `t=${unixSeconds}&s=${mac}`;
}

/** Checks a signature header over the exact body bytes, within a 5-minute window. */
export function verifySignature(body: string, header: string | null, signingKey: string, now = Date.now()): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = params.get("t");
  const s = params.get("s");
  if (!t || !s || Math.abs(now / 1000 - Number(t)) > 300) return false;
  const expected = createHmac("sha256", stripPrefix(signingKey))
    .update(body + t)
    .digest("hex");
  return expected.length === s.length && timingSafeEqual(Buffer.from(expected), Buffer.from(s));
}

/** The bearer token the SDK sends to the server: the prefix kept, the key hex-decoded and SHA-256 hashed. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  const hex = stripPrefix(signingKey);
  return prefix + createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
}
