import { describe, expect, it } from "vitest";
import { boundTicketBody, maxThreadReferences, parseMessageIds, ticketBody } from "./message";

describe("boundTicketBody", () => {
  it("keeps a body within the bound as it is", () => {
    expect(boundTicketBody("Where is my order?")).toEqual({ text: "Where is my order?", truncated: false });
  });

  it("cuts a 5 MB body to the bound and says so", () => {
    const bounded = boundTicketBody("x".repeat(5 * 1024 * 1024));
    expect(bounded.truncated).toBe(true);
    expect(bounded.text).toHaveLength(100_000);
  });

  it("never splits a surrogate pair", () => {
    expect(boundTicketBody("ab😀", 3)).toEqual({ text: "ab", truncated: true });
  });
});

describe("ticketBody", () => {
  it("bounds a body and replaces what PostgreSQL refuses", () => {
    expect(ticketBody("Hi\u0000there \ud800!")).toEqual({ text: "Hi there \ufffd!", truncated: false });
    expect(ticketBody("\u0000".repeat(200_000))).toEqual({ text: " ".repeat(100_000), truncated: true });
  });
});

describe("parseMessageIds", () => {
  it("reads bare ids in order, each once, ignoring comments and folding", () => {
    expect(parseMessageIds("<a@x.test>\r\n <b@y.test> (the reply) <a@x.test>")).toEqual(["a@x.test", "b@y.test"]);
  });

  it("reads nothing from an empty or bracketless header", () => {
    expect(parseMessageIds(undefined)).toEqual([]);
    expect(parseMessageIds("a@x.test")).toEqual([]);
  });

  it("keeps the newest ids of a forged header with thousands", () => {
    const header = Array.from({ length: 5000 }, (_, i) => `<m${String(i)}@x.test>`).join(" ");
    const ids = parseMessageIds(header);
    expect(ids).toHaveLength(maxThreadReferences);
    expect(ids.at(-1)).toBe("m4999@x.test");
  });
});
