import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders, servedOverHttps } from "./security-headers";

const page = { path: "/inbox", nonce: "bm9uY2U=", https: false, development: false };

describe("securityHeaders", () => {
  it("gives a page a CSP with this request's nonce, no framing, nosniff and a referrer policy, and no HSTS over http", () => {
    const headers = securityHeaders(page);
    expect(headers["content-security-policy"]).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toContain("img-src 'self' data: blob:");
    expect(headers["content-security-policy"]).toContain("connect-src 'self'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers).not.toHaveProperty("strict-transport-security");
  });

  it("adds HSTS and upgrades requests only over https", () => {
    const headers = securityHeaders({ ...page, https: true });
    expect(headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("sends no Referer from an action link's page, whose path holds the token", () => {
    expect(securityHeaders({ ...page, path: "/t/abc123" })["referrer-policy"]).toBe("no-referrer");
  });

  it("gives a route handler a CSP under which nothing runs or frames it, but leaves the original file's own policy", () => {
    expect(securityHeaders({ ...page, path: "/api/v1/documents" })["content-security-policy"]).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const original = securityHeaders({ ...page, path: "/api/documents/6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f/original" });
    expect(original).not.toHaveProperty("content-security-policy");
    expect(original["x-content-type-options"]).toBe("nosniff");
  });

  it("allows eval only under next dev, and an OIDC issuer as a form target", () => {
    expect(contentSecurityPolicy({ ...page, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ ...page, oidcIssuer: "https://login.example.com/realms/keel" })).toContain(
      "form-action 'self' https://login.example.com;",
    );
  });

  it("lets pages connect to the upload bucket only when there is one", () => {
    expect(contentSecurityPolicy(page)).toContain("connect-src 'self';");
    expect(
      contentSecurityPolicy({ ...page, uploadOrigin: "https://keel-docs.s3.eu-central-1.amazonaws.com" }),
    ).toContain("connect-src 'self' https://keel-docs.s3.eu-central-1.amazonaws.com;");
  });

  it("lets pages open the realtime WebSocket beside the bucket", () => {
    expect(
      contentSecurityPolicy({
        ...page,
        uploadOrigin: "https://bucket.example.com",
        realtimeOrigin: "wss://api.inngest.com",
      }),
    ).toContain("connect-src 'self' https://bucket.example.com wss://api.inngest.com;");
  });
});

describe("servedOverHttps", () => {
  const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });
  it("believes the proxy's X-Forwarded-Proto first, then the URL, then AUTH_URL", () => {
    expect(servedOverHttps(request("http://127.0.0.1:3000/", { "x-forwarded-proto": "https" }), undefined)).toBe(true);
    expect(
      servedOverHttps(request("http://127.0.0.1:3000/", { "x-forwarded-proto": "http" }), "https://keel.example.com"),
    ).toBe(false);
    expect(servedOverHttps(request("http://127.0.0.1:3000/"), "https://keel.example.com")).toBe(true);
    expect(servedOverHttps(request("http://127.0.0.1:3000/"), undefined)).toBe(false);
  });
});
