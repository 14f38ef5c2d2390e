import { describe, expect, it } from "vitest";
import { threadLookupIds, threadTicket, type KnownMessage } from "./threading";

const known: KnownMessage[] = [
  { messageId: "first@shop.test", ticketId: "t1", customerId: "ana" },
  { messageId: "reply@keel.test", ticketId: "t1", customerId: "ana" },
  { messageId: "other@shop.test", ticketId: "t2", customerId: "bob" },
];

describe("threadTicket", () => {
  it("puts a reply on the ticket of its parent", () => {
    expect(
      threadTicket({ messageId: "second@shop.test", inReplyTo: ["reply@keel.test"], references: [] }, "ana", known),
    ).toEqual({ kind: "reply", ticketId: "t1", parentId: "reply@keel.test" });
  });

  it("follows References from the newest back when In-Reply-To is unknown", () => {
    expect(
      threadTicket(
        {
          messageId: "third@shop.test",
          inReplyTo: ["lost@x.test"],
          references: ["first@shop.test", "reply@keel.test"],
        },
        "ana",
        known,
      ),
    ).toEqual({ kind: "reply", ticketId: "t1", parentId: "reply@keel.test" });
  });

  it("knows a message delivered twice", () => {
    expect(threadTicket({ messageId: "first@shop.test", inReplyTo: [], references: [] }, "ana", known)).toEqual({
      kind: "duplicate",
      ticketId: "t1",
    });
  });

  it("starts a new ticket when no parent is known", () => {
    expect(threadTicket({ messageId: "new@shop.test", inReplyTo: [], references: [] }, "ana", known)).toEqual({
      kind: "new",
      reason: "no_known_parent",
    });
  });

  it("never joins another customer's ticket through a forged header", () => {
    expect(
      threadTicket({ messageId: "evil@x.test", inReplyTo: ["other@shop.test"], references: [] }, "ana", known),
    ).toEqual({ kind: "new", reason: "other_customer" });
  });

  it("looks up every id once", () => {
    expect(threadLookupIds({ messageId: "a@x", inReplyTo: ["b@x"], references: ["c@x", "b@x"] }).sort()).toEqual([
      "a@x",
      "b@x",
      "c@x",
    ]);
  });
});
