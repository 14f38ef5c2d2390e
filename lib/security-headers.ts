export type SecurityContext = {
  /** The request's path: what it serves decides the policy. */
  path: string;
  /** A fresh random value for this request; Next puts it on the inline scripts it renders. */
  nonce: string;
  /** Served over https (directly, or behind a proxy that says so): only then HSTS, which a plain-http Keel would lock out. */
  https: boolean;
  /** `next dev`: React's debugging needs eval there, never in production. */
  development: boolean;
  /** Where an OIDC sign-in form is sent on to, if one is configured. */
  oidcIssuer?: string | undefined;
  /** The bucket the upload page PUTs large files to, if originals are kept in one (`lib/bucket-origin.ts`). */
  uploadOrigin?: string | undefined;
  /** The WebSocket pages follow changes on (`lib/realtime-origin.ts`). */
  realtimeOrigin?: string | undefined;
};

/** Email action links carry their token in the path: no other site may learn it from a Referer. */
const tokenPath = /^\/t\//;
/** The original file sets its own policy (a sandbox, framing by the document page only). */
const originalFile = /^\/api\/documents\/[^/]+\/original$/;

/** The Content-Security-Policy of a page: scripts only with this request's nonce, nothing from other origins. */
export function contentSecurityPolicy(context: SecurityContext): string {
  const formTargets = ["'self'", ...(context.oidcIssuer ? [new URL(context.oidcIssuer).origin] : [])];
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonced bootstrap load Next's chunks; the host sources are for browsers without it.
    `script-src 'self' 'nonce-${context.nonce}' 'strict-dynamic'${context.development ? " 'unsafe-eval'" : ""}`,
    // Tailwind's stylesheet is 'self'; React and Radix set style attributes, which nonces cannot cover.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${context.uploadOrigin ? ` ${context.uploadOrigin}` : ""}${context.realtimeOrigin ? ` ${context.realtimeOrigin}` : ""}`,
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets.join(" ")}`,
    "frame-ancestors 'none'",
    ...(context.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The headers every response gets, pages and route handlers alike. */
export function securityHeaders(context: SecurityContext): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "referrer-policy": tokenPath.test(context.path) ? "no-referrer" : "strict-origin-when-cross-origin",
  };
  if (context.path.startsWith("/api/")) {
    // JSON and files: nothing in them may run, and nothing may frame them.
    if (!originalFile.test(context.path))
      headers["content-security-policy"] = "default-src 'none'; frame-ancestors 'none'";
  } else {
    headers["content-security-policy"] = contentSecurityPolicy(context);
  }
  if (context.https) headers["strict-transport-security"] = "max-age=31536000";
  return headers;
}

/** Whether the request reached Keel over https: its own URL, the proxy in front of it, or the configured AUTH_URL. */
export function servedOverHttps(request: Pick<Request, "url" | "headers">, authUrl: string | undefined): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(request.url).protocol === "https:" || Boolean(authUrl?.startsWith("https:"));
}
