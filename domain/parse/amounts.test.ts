import { describe, expect, it } from "vitest";
import { findNumberTokens, inferDecimalSeparator, parseLocaleAmount, usesSpaceGrouping } from "./amounts";

describe("parseLocaleAmount", () => {
  it.each([
    ["1,234.56", 123456],
    ["1.234,56", 123456],
    ["1 234,56", 123456],
    ["1\u00a0234,56", 123456],
    ["1\u202f234,56", 123456],
    ["1'234.56", 123456],
    ["1’234.56", 123456],
    ["1234", 123400],
    ["1234.5", 123450],
    ["€ 1.234,56", 123456],
    ["1.234,56 €", 123456],
    ["USD 1,234.56", 123456],
    ["$1,234.56", 123456],
    ["CHF 1'234.50", 123450],
    ["1 234,56 zł", 123456],
    ["12.500,- EUR", 1250000],
    ["1,234,567.89", 123456789],
    ["1.234.567,89", 123456789],
    ["1,23,456.00", 12345600],
    ["0,5", 50],
  ])("reads %s", (text, minor) => {
    expect(parseLocaleAmount(text, "EUR")).toBe(minor);
  });

  it("reads negatives written with parentheses, a leading or a trailing minus", () => {
    expect(parseLocaleAmount("(1,234.56)", "USD")).toBe(-123456);
    expect(parseLocaleAmount("-1,234.56", "USD")).toBe(-123456);
    expect(parseLocaleAmount("-€ 12,00", "EUR")).toBe(-1200);
    expect(parseLocaleAmount("€ -12,00", "EUR")).toBe(-1200);
    expect(parseLocaleAmount("1.234,56-", "EUR")).toBe(-123456);
  });

  it("treats a single separator before three digits as thousands unless the document says otherwise", () => {
    expect(parseLocaleAmount("1,234", "EUR")).toBe(123400);
    expect(parseLocaleAmount("1.234", "EUR")).toBe(123400);
    expect(parseLocaleAmount("1,234", "EUR", { decimalSeparator: "." })).toBe(123400);
    expect(parseLocaleAmount("1,234", "EUR", { decimalSeparator: "," })).toBeNull();
    expect(parseLocaleAmount("1,234", "KWD", { decimalSeparator: "," })).toBe(1234);
    expect(parseLocaleAmount("0,125", "EUR", { round: true })).toBe(13);
  });

  it("uses the currency's decimals: none for JPY, three for KWD", () => {
    expect(parseLocaleAmount("¥1,234", "JPY")).toBe(1234);
    expect(parseLocaleAmount("1,234,000", "JPY")).toBe(1234000);
    expect(parseLocaleAmount("1.234", "JPY")).toBe(1234);
    expect(parseLocaleAmount("1.5", "JPY")).toBeNull();
    expect(parseLocaleAmount("KWD 1.234", "KWD")).toBe(1234);
    expect(parseLocaleAmount("1,234.500", "KWD")).toBe(1234500);
  });

  it("rejects text that is not exactly one amount", () => {
    for (const text of ["", "abc", "1,2,3", "12.03.2025", "1.2.3,4", "1,23.4,5", "1,2345", "--5"]) {
      expect(parseLocaleAmount(text, "EUR"), text).toBeNull();
    }
  });

  it("refuses extra non-zero decimals unless asked to round, but drops trailing zeros", () => {
    expect(parseLocaleAmount("12.345", "USD", { decimalSeparator: "." })).toBeNull();
    expect(parseLocaleAmount("12.3450", "USD", { round: true })).toBe(1235);
    expect(parseLocaleAmount("12.5000", "USD")).toBe(1250);
  });

  it("never loses precision on large amounts", () => {
    expect(parseLocaleAmount("90,071,992,547,409.91", "USD")).toBe(9007199254740991);
    expect(parseLocaleAmount("90,071,992,547,409.92", "USD")).toBeNull();
  });
});

describe("findNumberTokens", () => {
  it("finds amounts with their currency markers and skips identifier digits", () => {
    const tokens = findNumberTokens("INV-2025-0042  Widget A4  2 x € 10,50  = 21,00 EUR  19 %");
    expect(tokens.map((t) => t.text)).toEqual(["2", "€ 10,50", "21,00 EUR", "19"]);
    expect(tokens[1]?.currencyMarked).toBe(true);
    expect(tokens[3]?.percent).toBe(true);
  });

  it("keeps parentheses and minus signs with the number", () => {
    expect(findNumberTokens("Discount (15.00)").map((t) => t.text)).toEqual(["(15.00)"]);
    expect(findNumberTokens("Credit -15.00").map((t) => t.text)).toEqual(["-15.00"]);
  });

  it("joins space-grouped thousands only when the document groups that way", () => {
    expect(findNumberTokens("Total 1 234,56", { spaceGrouping: true }).map((t) => t.text)).toEqual(["1 234,56"]);
    expect(findNumberTokens("Total 1 234,56").map((t) => t.text)).toEqual(["1", "234,56"]);
    expect(findNumberTokens("Total 1\u202f234,56").map((t) => t.text)).toEqual(["1\u202f234,56"]);
  });

  it("reads a bare R as the rand only before an amount with cents", () => {
    const tokens = findNumberTokens("Guard shifts R650.00  total R19,500.00  Room R 12");
    expect(tokens.map((t) => [t.text, t.currencyMarked])).toEqual([
      ["R650.00", true],
      ["R19,500.00", true],
    ]);
    expect(parseLocaleAmount("R 1,350.00", "ZAR")).toBe(135000);
  });

  it("groups thousands with spaces before a dot decimal only after a currency marker", () => {
    expect(usesSpaceGrouping("SUB TOTAL R 45 250.00")).toBe(true);
    expect(usesSpaceGrouping("Widget 2 250.00")).toBe(false);
  });

  it("records units glued to quantities", () => {
    expect(findNumberTokens("Consulting 12h 95.00")[0]?.unit).toBe("h");
  });
});

describe("inferDecimalSeparator", () => {
  it("reads the document's convention from its unambiguous amounts", () => {
    expect(inferDecimalSeparator("Summe 1.234,56 EUR\nMwSt 234,56")).toBe(",");
    expect(inferDecimalSeparator("Total 1,234.56\nTax 12.50")).toBe(".");
    expect(inferDecimalSeparator("Total 1,234")).toBeNull();
  });

  it("detects space grouping", () => {
    expect(usesSpaceGrouping("Total TTC 1 234,56 €")).toBe(true);
    expect(usesSpaceGrouping("Total 1,234.56")).toBe(false);
  });
});

describe("a sign before the currency symbol", () => {
  it("keeps a credit note's '-£444.00' and '−$12.50' negative", () => {
    expect(findNumberTokens("Total credit    -£444.00").map((t) => parseLocaleAmount(t.text, "GBP"))).toEqual([-44400]);
    expect(findNumberTokens("Refund −$12.50").map((t) => parseLocaleAmount(t.text, "USD"))).toEqual([-1250]);
    expect(findNumberTokens("Ref AB-£5.00").map((t) => parseLocaleAmount(t.text, "GBP"))).toEqual([500]);
  });
});
