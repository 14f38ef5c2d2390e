import { createHmac, timingSafeEqual } from "node:crypto";

/** What a subscription token lets its holder read: one channel, these topics, until `exp`. */
export type Grant = { channel: string; topics: string[]; exp: number };

/** Long enough to open a connection; a client that loses one asks its app for a fresh token. */
export const TOKEN_TTL_SECONDS = 60;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const HEADER = encode({ alg: "HS256", typ: "JWT" });

function mac(secret: Buffer, input: string): Buffer {
  return createHmac("sha256", secret).update(input).digest();
}

/** A JWT (HS256) any engine process sharing `secret` accepts: the browser holds it, never the signing key. */
export function signGrant(
  secret: Buffer,
  grant: Omit<Grant, "exp">,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const body = encode({
    sub: "realtime",
    channel: grant.channel,
    topics: grant.topics,
    iat: nowSeconds,
    exp: nowSeconds + TOKEN_TTL_SECONDS,
  });
  return `${HEADER}.${body}.${mac(secret, `${HEADER}.${body}`).toString("base64url")}`;
}

/** The grant a token carries, or why it is refused (forged, altered, expired, malformed). */
export function verifyGrant(
  secret: Buffer,
  token: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Grant | { refused: string } {
  const [header, body, signature, extra] = token.split(".");
  if (!header || !body || !signature || extra !== undefined) return { refused: "the token is not a JWT" };
  const expected = mac(secret, `${header}.${body}`);
  const given = Buffer.from(signature, "base64url");
  if (header !== HEADER || given.length !== expected.length || !timingSafeEqual(given, expected))
    return { refused: "the token was not issued by this engine" };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { refused: "the token's claims are not JSON" };
  }
  const { channel, topics, exp } = (claims ?? {}) as Partial<Grant>;
  if (typeof channel !== "string" || !Array.isArray(topics) || typeof exp !== "number")
    return { refused: "the token names no channel and topics" };
  if (exp <= nowSeconds) return { refused: "the token has expired: ask the app for a new one" };
  return { channel, topics: topics.filter((topic): topic is string => typeof topic === "string"), exp };
}
