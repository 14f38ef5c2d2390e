import { NextResponse, type NextRequest } from "next/server";
import { bucketOrigin } from "@/lib/bucket-origin";
import { env } from "@/lib/env";
import { realtimeOrigin } from "@/lib/realtime-origin";
import { REQUEST_PATH_HEADER } from "@/lib/redirect";
import { securityHeaders, servedOverHttps } from "@/lib/security-headers";

/**
 * Security headers on every page and route handler. A page's Content-Security-Policy carries a nonce made for this
 * request; Next reads it from the request's own CSP header and puts it on the scripts it renders inline.
 */
export function proxy(request: NextRequest): NextResponse {
  const e = env();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    path: request.nextUrl.pathname,
    nonce,
    https: servedOverHttps(request, e.AUTH_URL),
    development: e.NODE_ENV === "development",
    oidcIssuer: e.AUTH_OIDC_ISSUER,
    uploadOrigin: bucketOrigin(e),
    realtimeOrigin: realtimeOrigin(e),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Set here, never taken from the client, so a page that sends a visitor to sign in knows where to bring them back.
  requestHeaders.set(REQUEST_PATH_HEADER, requestedPath(request.nextUrl.pathname, request.nextUrl.search));
  const csp = headers["content-security-policy"];
  if (csp) requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** The page asked for, without the cache-busting parameter Next adds to its own client-side navigations. */
function requestedPath(pathname: string, search: string): string {
  const params = new URLSearchParams(search);
  params.delete("_rsc");
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

export const config = {
  // Built files carry no markup to protect and are served before any page.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
