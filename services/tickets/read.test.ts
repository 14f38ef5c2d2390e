import { describe, expect, it } from "vitest";
import { decodeTicketCursor, encodeTicketCursor, ticketListQuerySchema } from "./read";

describe("ticket list cursors", () => {
  it("read back what they were made from, microseconds and offset included", () => {
    const cursor = { key: "2026-03-02 10:00:00.123456+00", id: "0f8e6a52-6f3b-4c57-9a3e-2f1b8c1d2e3f" };
    expect(decodeTicketCursor(encodeTicketCursor(cursor))).toEqual(cursor);
  });

  it("turn away an edited cursor instead of handing PostgreSQL a time it cannot read", () => {
    const id = "0f8e6a52-6f3b-4c57-9a3e-2f1b8c1d2e3f";
    expect(decodeTicketCursor(encodeTicketCursor({ key: "2026-02-31 10:00:00+00", id }))).toBeUndefined();
    expect(decodeTicketCursor(encodeTicketCursor({ key: "yesterday", id }))).toBeUndefined();
    expect(decodeTicketCursor(encodeTicketCursor({ key: "2026-03-02 10:00:00+00", id: "1" }))).toBeUndefined();
    expect(decodeTicketCursor("not base64 json")).toBeUndefined();
  });
});

describe("ticketListQuerySchema", () => {
  it("drops filters that are not values of their list and caps the page size", () => {
    expect(ticketListQuerySchema.parse({ status: "open", intent: "complaint", customer: "x", limit: "500" })).toEqual({
      intent: "complaint",
      limit: 50,
    });
  });
});
