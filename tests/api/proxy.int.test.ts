import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("proxy", () => {
  it("sends a page's CSP to the browser and to Next with the same fresh nonce", () => {
    const response = proxy(new NextRequest("http://keel.test/inbox"));
    const csp = response.headers.get("content-security-policy");
    const nonce = nonceOf(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(nonceOf(proxy(new NextRequest("http://keel.test/inbox")).headers.get("content-security-policy"))).not.toBe(
      nonce,
    );
  });

  it("puts nosniff, a referrer policy and frame-ancestors on a route handler's answer", () => {
    const response = proxy(new NextRequest("http://keel.test/api/v1/documents", { method: "POST" }));
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("adds HSTS behind an https proxy", () => {
    const response = proxy(new NextRequest("http://keel.test/login", { headers: { "x-forwarded-proto": "https" } }));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("tells the page which path and query were asked for, without Next's own parameter and never as the client says", () => {
    const response = proxy(
      new NextRequest("http://keel.test/inbox/abc?edit=1&_rsc=x1y2", { headers: { "x-keel-path": "//evil.example" } }),
    );
    expect(response.headers.get("x-middleware-request-x-keel-path")).toBe("/inbox/abc?edit=1");
  });
});
