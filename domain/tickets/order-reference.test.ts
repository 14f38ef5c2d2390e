import { describe, expect, it } from "vitest";
import { findOrderReference, orderReferenceScanChars } from "./order-reference";

describe("findOrderReference", () => {
  it("finds a shop's reference in the subject", () => {
    expect(findOrderReference("Refund for DEMO-1001 please", "")).toBe("DEMO-1001");
  });

  it("prefers the subject to the body", () => {
    expect(findOrderReference("Order DEMO-1002 arrived broken", "I also bought DEMO-1001 last year.")).toBe(
      "DEMO-1002",
    );
  });

  it("falls back to the body and upper-cases what it finds", () => {
    expect(findOrderReference("Broken parcel", "Hello,\nmy order demo-1001 came damaged.")).toBe("DEMO-1001");
  });

  it("ignores numbers that are not references", () => {
    expect(findOrderReference("Call me at 555-1234", "Dated 2026-02-03, item A1-2345, code X-12, SKU-AB12")).toBe(null);
  });

  it("ignores a reference inside a longer word or hyphenated code", () => {
    expect(findOrderReference("re: XDEMO-1001-7", "path/DEMO-1001-extra")).toBe(null);
  });

  it("searches only the opening of a long body", () => {
    const body = `${"a ".repeat(orderReferenceScanChars)}DEMO-1001`;
    expect(findOrderReference("", body)).toBe(null);
    expect(findOrderReference("", `DEMO-1003 ${body}`)).toBe("DEMO-1003");
  });
});
