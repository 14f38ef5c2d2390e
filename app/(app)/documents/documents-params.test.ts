import { describe, expect, it } from "vitest";
import { documentsQuery, parseDocumentsParams } from "./documents-params";

const vendor = "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f";

describe("parseDocumentsParams", () => {
  it("reads every filter into the query's terms, the last day included whole", () => {
    const { filter, params } = parseDocumentsParams({
      status: "needs_review",
      vendor,
      from: "2026-03-01",
      to: "2026-03-31",
      q: "  INV-42 ",
    });
    expect(filter).toEqual({
      status: "needs_review",
      vendorId: vendor,
      receivedFrom: new Date("2026-03-01T00:00:00Z"),
      receivedBefore: new Date("2026-04-01T00:00:00Z"),
      text: "INV-42",
    });
    expect(documentsQuery(params)).toEqual({
      status: "needs_review",
      vendor,
      from: "2026-03-01",
      to: "2026-03-31",
      q: "INV-42",
    });
  });

  it("leaves open what it cannot read instead of failing the page", () => {
    const { filter } = parseDocumentsParams({
      status: "lost",
      vendor: "acme",
      from: "2026-02-30",
      to: "yesterday",
      q: ["first", "second"],
    });
    expect(filter).toEqual({
      status: undefined,
      vendorId: undefined,
      receivedFrom: undefined,
      receivedBefore: undefined,
      text: "first",
    });
  });

  it("treats an empty search as none and keeps the page cursor out of the filters' link", () => {
    const { filter, params, after } = parseDocumentsParams({ q: "   ", after: "abc" });
    expect(filter.text).toBeUndefined();
    expect(after).toBe("abc");
    expect(documentsQuery(params)).toEqual({});
  });
});
