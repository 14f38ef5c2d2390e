import { describe, expect, it } from "vitest";
import { fromSameOrigin } from "./origin";

const request = (method: string, headers: Record<string, string>) =>
  new Request("http://keel.test/api/documents", { method, headers });

describe("fromSameOrigin", () => {
  it("lets a POST from Keel's own host through", () => {
    expect(fromSameOrigin(request("POST", { host: "keel.test", origin: "http://keel.test" }))).toBe(true);
  });

  it("refuses a POST, PUT or DELETE whose Origin is another site", () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      expect(fromSameOrigin(request(method, { host: "keel.test", origin: "https://evil.example" }))).toBe(false);
    }
  });

  it("refuses Origin: null and a host that differs only by port", () => {
    expect(fromSameOrigin(request("POST", { host: "keel.test", origin: "null" }))).toBe(false);
    expect(fromSameOrigin(request("POST", { host: "keel.test:3000", origin: "http://keel.test:4000" }))).toBe(false);
  });

  it("compares with the forwarded host behind a proxy, and accepts the configured origin", () => {
    expect(
      fromSameOrigin(
        request("POST", {
          host: "127.0.0.1:3000",
          "x-forwarded-host": "keel.example.com",
          origin: "https://keel.example.com",
        }),
      ),
    ).toBe(true);
    expect(
      fromSameOrigin(request("POST", { host: "127.0.0.1:3000", origin: "https://keel.example.com" }), [
        "https://keel.example.com/",
      ]),
    ).toBe(true);
  });

  it("lets a request without Origin through unless Fetch Metadata says another site sent it", () => {
    expect(fromSameOrigin(request("POST", { host: "keel.test" }))).toBe(true);
    expect(fromSameOrigin(request("POST", { host: "keel.test", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(fromSameOrigin(request("POST", { host: "keel.test", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(fromSameOrigin(request("POST", { host: "keel.test", "sec-fetch-site": "same-site" }))).toBe(false);
  });

  it("never refuses a read", () => {
    expect(fromSameOrigin(request("GET", { host: "keel.test", origin: "https://evil.example" }))).toBe(true);
  });
});
