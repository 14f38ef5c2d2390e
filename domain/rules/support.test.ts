import { describe, expect, it } from "vitest";
import { daysBetween, formatAmount, normalizeIdentifier, normalizeText, parseIsoDate, percentChange } from "./support";

describe("rule helpers", () => {
  it("formats amounts with formatMoney, and honestly without a usable currency", () => {
    expect(formatAmount(-1234, "EUR")).toBe("-€12.34");
    expect(formatAmount(1234, "JPY")).toBe("JP¥1,234");
    expect(formatAmount(1234, null)).toBe("1234 minor units (currency unknown)");
    expect(formatAmount(1234, "XYZ")).toBe("1234 minor units (currency unknown)");
  });

  it("normalizes text and identifiers", () => {
    expect(normalizeText("  Café  Crème, 1kg ")).toBe("cafe creme 1kg");
    expect(normalizeIdentifier("inv-00 42/b")).toBe("INV0042B");
  });

  it("parses only real ISO dates and counts days between them", () => {
    expect(parseIsoDate("2028-02-29")).not.toBeNull();
    expect(parseIsoDate("2026-02-29")).toBeNull();
    expect(parseIsoDate("2026-1-5")).toBeNull();
    expect(daysBetween("2026-03-01", "2026-02-27")).toBe(2);
    expect(daysBetween("2026-03-29", "2026-03-30")).toBe(1);
    expect(daysBetween("2026-03-01", "yesterday")).toBeNull();
  });

  it("computes percentage change to one decimal", () => {
    expect(percentChange(1000, 1125)).toBe(12.5);
    expect(percentChange(3, 4)).toBe(33.3);
    expect(percentChange(-1000, -500)).toBe(50);
  });
});
