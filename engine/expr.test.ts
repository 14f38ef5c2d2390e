import { describe, expect, it } from "vitest";
import { keyValue, matches } from "./expr";

describe("matches", () => {
  it("compares the trigger event with the incoming one", () => {
    const vars = { event: { data: { orderId: "o1" } }, async: { data: { orderId: "o1", n: 2 } } };
    expect(matches("event.data.orderId == async.data.orderId && async.data.n > 1", vars)).toBe(true);
  });

  it("treats missing keys as no match", () => {
    expect(matches("event.data.missing == 1", { event: { data: {} } })).toBe(false);
  });

  it("matches everything without an expression", () => {
    expect(matches(undefined, {})).toBe(true);
  });
});

describe("keyValue", () => {
  it("stringifies non-string keys", () => {
    expect(keyValue("event.data.u", { event: { data: { u: "a" } } })).toBe("a");
    expect(keyValue("event.data.n", { event: { data: { n: 3 } } })).toBe("3");
  });
});
