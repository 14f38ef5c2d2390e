/**
 * Whether a request that may change something comes from Keel's own pages, by the rule Next applies to server
 * actions: an Origin header must name the host the request was sent to (or an origin Keel is configured at); a
 * request without one is let through, since browsers send Origin with every cross-site POST, unless Fetch Metadata
 * says another site sent it. A session cookie alone must never be enough to act from another site.
 */
export function fromSameOrigin(
  request: Pick<Request, "method" | "headers">,
  configuredOrigins: readonly string[] = [],
): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method.toUpperCase())) return true;
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none";
  }
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    // "null" (a sandboxed frame, a data: URL) and anything unreadable.
    return false;
  }
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host");
  if (host && originHost === host.toLowerCase()) return true;
  return configuredOrigins.some((allowed) => {
    try {
      return new URL(allowed).origin === new URL(origin).origin;
    } catch {
      return false;
    }
  });
}
