import { describe, expect, it } from "vitest";
import { loginPath, safeRedirectPath, sameOriginRedirect } from "./redirect";

const base = "http://keel.test:3000";

describe("safeRedirectPath", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirectPath("/settings/users?x=1")).toBe("/settings/users?x=1");
    expect(safeRedirectPath("/documents/abc#lines")).toBe("/documents/abc#lines");
  });

  it("refuses other sites and odd values", () => {
    for (const value of ["https://evil.example", "//evil.example", "/\\evil.example", "", undefined, 42]) {
      expect(safeRedirectPath(value)).toBe("/inbox");
    }
  });

  // Browsers drop tab, CR and LF anywhere in a URL and read "\" as "/", so each of these reaches evil.example.
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/ /evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/%09/evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "/%5C/evil.example",
    "/%5cevil.example",
    "%2F%2Fevil.example",
    "/%252F/evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    "https:evil.example",
    "/\u0000/evil.example",
    "/\u007f/evil.example",
    "/\u2028/evil.example",
    "/\u3000/evil.example",
    "/％２Ｆevil.example",
  ])("sends %j to the fallback, never to another site", (value) => {
    expect(safeRedirectPath(value)).toBe("/inbox");
  });

  it("answers a non-ASCII path with its percent-encoded form instead of throwing", () => {
    expect(() => safeRedirectPath("/inbox?q=Müller")).not.toThrow();
    expect(safeRedirectPath("/inbox?q=Müller")).toBe("/inbox?q=M%C3%BCller");
    expect(safeRedirectPath("/dokumente/größe")).toBe("/dokumente/gr%C3%B6%C3%9Fe");
  });

  it("answers malformed percent escapes and lone surrogates with the fallback", () => {
    expect(safeRedirectPath("/inbox%E0%A4%A")).toBe("/inbox");
    expect(safeRedirectPath("/\uD800")).toBe("/inbox");
  });

  it("refuses a path longer than any page Keel has", () => {
    expect(safeRedirectPath(`/${"a".repeat(5000)}`)).toBe("/inbox");
  });
});

describe("sameOriginRedirect", () => {
  it("keeps a path on the app's origin", () => {
    expect(sameOriginRedirect("/tasks/1?x=1", base)).toBe(`${base}/tasks/1?x=1`);
  });

  it("keeps an absolute URL on the app's own origin", () => {
    expect(sameOriginRedirect(`${base}/settings`, base)).toBe(`${base}/settings`);
  });

  it.each([
    `${base}/\t/evil.example`,
    "/\t/evil.example",
    "http://evil.example/",
    "http://keel.test:3001/inbox",
    "https://keel.test:3000/inbox",
    `${base}@evil.example/`,
    "//evil.example",
  ])("sends %j to the app's inbox", (value) => {
    expect(sameOriginRedirect(value, base)).toBe(`${base}/inbox`);
  });

  it("does not throw on a non-ASCII URL", () => {
    expect(sameOriginRedirect(`${base}/inbox?q=ü`, base)).toBe(`${base}/inbox?q=%C3%BC`);
  });
});

describe("loginPath", () => {
  it("carries a task's page through sign-in", () => {
    expect(loginPath("/inbox/01HZX?edit=1")).toBe("/login?callbackUrl=%2Finbox%2F01HZX%3Fedit%3D1");
  });

  it("leaves the default landing page out", () => {
    expect(loginPath("/inbox")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
  });

  it.each(["//evil.example/inbox", "https://evil.example/", "/\\evil.example"])("drops %j", (value) => {
    expect(loginPath(value)).toBe("/login");
  });
});
