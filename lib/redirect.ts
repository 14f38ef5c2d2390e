// Browsers drop tab, CR and LF anywhere in a URL and read "\" as "/", so "/\t/evil.example" and "/\evil.example"
// both become "//evil.example": another site. Any control, whitespace or backslash makes a callback untrustworthy.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;
const ESCAPE = /%[0-9a-f]{2}/i;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const MAX_LENGTH = 2048;
// A stand-in origin to resolve against: only whether the result stays on it matters, not its name.
const PLACEHOLDER = "http://keel.invalid";

function decodes(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * A path is safe when neither it nor what a proxy, a router or a normalising browser may make of it (decoded once,
 * NFKC-folded) starts a second authority or carries characters that browsers silently drop.
 */
function isSafePath(path: string): boolean {
  for (const form of new Set([path, path.normalize("NFKC")])) {
    if (!form.startsWith("/") || form.startsWith("//") || UNSAFE.test(form)) return false;
    const decoded = decodes(form);
    // A second layer of escapes is only ever there to survive one decoding.
    if (decoded === undefined || decoded.startsWith("//") || UNSAFE.test(decoded) || ESCAPE.test(decoded)) return false;
  }
  return true;
}

/**
 * Only same-site paths: a callbackUrl from a link must never send someone to another site after sign-in. Answers the
 * path resolved and percent-encoded (pure ASCII, so it can go in a Location header), or `fallback`.
 */
export function safeRedirectPath(value: unknown, fallback = "/inbox"): string {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !isWellFormed(value)) return fallback;
  const pathOnly = value.split(/[?#]/, 1)[0] ?? "";
  if (UNSAFE.test(value) || !isSafePath(pathOnly)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== PLACEHOLDER || !isSafePath(url.pathname) || !PRINTABLE_ASCII.test(path)) return fallback;
  return path;
}

// A lone surrogate cannot be percent-encoded: encodeURIComponent throws on it.
function isWellFormed(value: string): boolean {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * For Auth.js's redirect callback: an absolute URL on the app's own origin, from a path or an absolute URL; anything
 * else (another origin, credentials in the URL, an unsafe path) becomes the inbox.
 */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  if (url.startsWith("/")) return `${origin}${safeRedirectPath(url)}`;
  if (UNSAFE.test(url)) return `${origin}${safeRedirectPath(undefined)}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${origin}${safeRedirectPath(undefined)}`;
  }
  if (parsed.origin !== origin || parsed.username || parsed.password) return `${origin}${safeRedirectPath(undefined)}`;
  return `${origin}${safeRedirectPath(`${parsed.pathname}${parsed.search}${parsed.hash}`)}`;
}

/** The request header proxy.ts fills with the path and query asked for, read when a page sends a visitor to sign in. */
export const REQUEST_PATH_HEADER = "x-keel-path";

/** The sign-in page, carrying the page asked for when it is a safe path other than the default landing page. */
export function loginPath(requested: unknown): string {
  const path = safeRedirectPath(requested);
  return path === safeRedirectPath(undefined) ? "/login" : `/login?callbackUrl=${encodeURIComponent(path)}`;
}
