import { describe, expect, it } from "vitest";
import { formatMoney, isCurrencyCode, parseAmount, toDecimalString } from "./money";

describe("parseAmount", () => {
  it("reads thousands separators and decimals into minor units", () => {
    expect(parseAmount("7,500.00", "EUR")).toBe(750000);
    expect(parseAmount("7500", "EUR")).toBe(750000);
    expect(parseAmount("0.5", "EUR")).toBe(50);
  });

  it("uses the currency's own number of decimals", () => {
    expect(parseAmount("12345", "JPY")).toBe(12345);
    expect(parseAmount("1.5", "JPY")).toBeNull();
    expect(parseAmount("1.234", "KWD")).toBe(1234);
  });

  it("rejects what it cannot read exactly", () => {
    for (const text of ["", "abc", "1,2", "1.234", "-5", "1e5", "7.500,00"]) {
      expect(parseAmount(text, "EUR"), text).toBeNull();
    }
  });
});

describe("formatMoney", () => {
  it("formats minor units exactly, even beyond float precision", () => {
    expect(formatMoney({ minor: 750000, currency: "EUR" })).toBe("€7,500.00");
    expect(formatMoney({ minor: Number.MAX_SAFE_INTEGER, currency: "EUR" })).toBe("€90,071,992,547,409.91");
    expect(formatMoney({ minor: 12345, currency: "JPY" })).toBe("JP¥12,345");
  });
});

describe("toDecimalString", () => {
  it("pads small amounts", () => {
    expect(toDecimalString({ minor: 5, currency: "EUR" })).toBe("0.05");
    expect(toDecimalString({ minor: -120, currency: "USD" })).toBe("-1.20");
  });
});

describe("isCurrencyCode", () => {
  it("accepts ISO 4217 codes only", () => {
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("eur")).toBe(false);
    expect(isCurrencyCode("XYZ")).toBe(false);
  });
});
