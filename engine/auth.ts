import { createHash, timingSafeEqual } from "node:crypto";
import type { EngineContext } from "./context";
import { hashedSigningKey } from "./signing";

/** Compares secrets in constant time, whatever their lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Whether `/e/:key` may take events under this key. Like Inngest's dev server, dev mode takes any key (or none);
 * in cloud mode only the event keys the engine was given, so no local process can drive runs.
 */
export function eventKeyAccepted(ctx: EngineContext, key: string | undefined): boolean {
  if (!ctx.signingKey) return true;
  // Every key is compared, so the time taken does not say which one nearly matched.
  return ctx.eventKeys.map((expected) => sameSecret(key ?? "", expected)).includes(true);
}

/**
 * Whether a request carries the signing key as a bearer token: hashed, as the SDK sends it to /fn/register, or
 * as it is, as an operator sends it to Inngest's REST API. Dev mode needs none.
 */
export function bearerAuthorised(ctx: EngineContext, authorization: string | undefined): boolean {
  if (!ctx.signingKey) return true;
  const token = (authorization ?? "").replace(/^Bearer\s+/i, "");
  const keys = [ctx.signingKey, ctx.signingKeyFallback].filter((key): key is string => Boolean(key));
  return keys
    .flatMap((key) => [key, hashedSigningKey(key)])
    .map((expected) => sameSecret(token, expected))
    .includes(true);
}
