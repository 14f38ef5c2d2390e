import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, inboxHref, parseInboxParams } from "./inbox-params";

const now = new Date("2026-11-22T12:00:00Z");

describe("parseInboxParams", () => {
  it("defaults to the open queue, oldest first", () => {
    expect(parseInboxParams({}, now)).toMatchObject({
      filter: { view: "queue", status: "open" },
      sort: "oldest",
      after: undefined,
      problems: [],
    });
  });

  it("reads every filter", () => {
    const vendor = "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f";
    const parsed = parseInboxParams(
      {
        view: "mine",
        status: "resolved",
        type: "APPROVE_SPEND",
        vendor,
        age: "24h",
        currency: "eur",
        min: "5,000",
        max: "10000.50",
        sort: "amount",
      },
      now,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.sort).toBe("amount");
    expect(parsed.filter).toEqual({
      view: "mine",
      status: "resolved",
      type: "APPROVE_SPEND",
      vendorId: vendor,
      createdBefore: new Date("2026-11-21T12:00:00Z"),
      amount: { currency: "EUR", minMinor: 500_000, maxMinor: 1_000_050 },
    });
  });

  it("falls back on unknown values and says what it could not apply", () => {
    const parsed = parseInboxParams(
      { status: "weird", type: "NOPE", min: "lots", currency: "EUR", after: "garbage" },
      now,
    );
    expect(parsed.filter).toEqual({
      view: "queue",
      status: "open",
      type: undefined,
      vendorId: undefined,
      amount: { currency: "EUR", minMinor: undefined, maxMinor: undefined },
    });
    expect(parsed.after).toBeUndefined();
    expect(parsed.problems).toEqual([
      "Type the smallest amount as a number, such as 5,000 or 5000.00.",
      "That page link is no longer valid; showing the first page.",
    ]);
    expect(parseInboxParams({ min: "100" }, now).problems).toEqual([
      "Choose the currency the amounts are in; amounts in different currencies are not compared.",
    ]);
  });
});

describe("cursors and links", () => {
  it("drops a well-formed cursor whose key the sort's column cannot hold, with a sentence, instead of failing the query", () => {
    const id = "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f";
    const crafted = [
      { sort: "oldest", key: "not a time" },
      { sort: "newest", key: "2026-02-30 10:00:00+00" },
      { sort: "due", key: "2026-11-22 25:00:00+00" },
      { sort: "amount", key: "2026-11-22 10:00:00+00" },
      { sort: "amount", key: "99999999999999999999" },
    ];
    for (const { sort, key } of crafted) {
      const parsed = parseInboxParams({ sort, after: encodeCursor({ key, id }) }, now);
      expect(parsed.after).toBeUndefined();
      expect(parsed.problems).toEqual(["That page link is no longer valid; showing the first page."]);
    }
  });

  it("keeps the cursors the inbox itself makes", () => {
    const id = "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f";
    for (const [sort, key] of [
      ["oldest", "2026-11-22 10:00:00.123456+00"],
      ["due", "2026-11-22 10:00:00+05:30"],
      ["amount", "-9223372036854775808"],
      ["amount", "650000"],
    ] as const) {
      expect(parseInboxParams({ sort, after: encodeCursor({ key, id }) }, now).after).toEqual({ key, id });
    }
  });

  it("round-trips a cursor and refuses a tampered one", () => {
    const cursor = { key: "2026-11-22 10:00:00.123456+00", id: "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(encodeCursor(cursor).slice(3))).toBeUndefined();
  });

  it("keeps the filters, drops the defaults, and starts over when a filter changes", () => {
    const { params } = parseInboxParams({ type: "APPROVE_SPEND", after: "abc" }, now);
    expect(inboxHref(params, { sort: "due" })).toBe("/inbox?type=APPROVE_SPEND&sort=due");
    expect(inboxHref(params, { after: "xyz" })).toBe("/inbox?type=APPROVE_SPEND&after=xyz");
    expect(inboxHref(params, { type: undefined })).toBe("/inbox");
  });
});
