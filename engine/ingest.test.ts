import { describe, expect, it } from "vitest";
import { eventNameMatches, seededId } from "./ingest";

describe("eventNameMatches", () => {
  it("matches exact names and wildcards", () => {
    expect(eventNameMatches("shop/order.placed", "shop/order.placed")).toBe(true);
    expect(eventNameMatches("shop/*", "shop/order.placed")).toBe(true);
    expect(eventNameMatches("shop/*", "billing/invoice.sent")).toBe(false);
    expect(eventNameMatches("shop/order.*", "shop/orderXplaced")).toBe(false);
  });
});

describe("seededId", () => {
  it("derives the same ULID-shaped id from the same seed and index", () => {
    const seed = "1795316334434,c2VlZHNlZWRzZQ==";
    expect(seededId(seed, 0)).toBe(seededId(seed, 0));
    expect(seededId(seed, 0)).not.toBe(seededId(seed, 1));
    expect(seededId(seed, 0)).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it("ignores malformed seeds", () => {
    expect(seededId("nope", 0)).toBeUndefined();
  });
});
