import { describe, expect, it } from "vitest";
import { encodeTicketCursor } from "@/services/tickets/read";
import { parseTicketsParams, ticketsQuery } from "./tickets-params";

const cursor = { key: "2026-11-30 07:14:38.123456+00", id: "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f" };

describe("parseTicketsParams", () => {
  it("reads every filter into the query's terms and the page link into its cursor", () => {
    const { filter, params, after, stalePage } = parseTicketsParams({
      status: "awaiting_decision",
      intent: "refund_request",
      priority: "urgent",
      customer: "  Ada@Example.com ",
      after: encodeTicketCursor(cursor),
    });
    expect(filter).toEqual({
      status: "awaiting_decision",
      intent: "refund_request",
      priority: "urgent",
      customerEmail: "Ada@Example.com",
    });
    expect(after).toEqual(cursor);
    expect(stalePage).toBe(false);
    expect(ticketsQuery(params)).toEqual({
      status: "awaiting_decision",
      intent: "refund_request",
      priority: "urgent",
      customer: "Ada@Example.com",
    });
  });

  it("leaves open what it cannot read instead of failing the page", () => {
    const { filter } = parseTicketsParams({
      status: "lost",
      intent: "refund",
      priority: ["urgent", "low"],
      customer: "x".repeat(400),
    });
    expect(filter).toEqual({ status: undefined, intent: undefined, priority: "urgent", customerEmail: undefined });
  });

  it("starts again at the newest tickets when the page link was not one Keel made", () => {
    const forged = Buffer.from(JSON.stringify({ key: "yesterday", id: cursor.id })).toString("base64url");
    const { after, stalePage } = parseTicketsParams({ after: forged });
    expect(after).toBeUndefined();
    expect(stalePage).toBe(true);
  });

  it("treats an empty customer search as none and keeps the page cursor out of the filters' link", () => {
    const { filter, params } = parseTicketsParams({ customer: "   ", after: encodeTicketCursor(cursor) });
    expect(filter.customerEmail).toBeUndefined();
    expect(ticketsQuery(params)).toEqual({});
  });
});
