import { describe, expect, it } from "vitest";
import { convert, describeConversion, parseRate, type RateBook } from "./fx";

const book: RateBook = {
  base: "EUR",
  on: "2026-03-02",
  rates: {
    USD: { base: "EUR", currency: "USD", rate: "1.0832", effectiveFrom: "2026-03-01" },
    INR: { base: "EUR", currency: "INR", rate: "90.39", effectiveFrom: "2026-02-27" },
    JPY: { base: "EUR", currency: "JPY", rate: "162.5", effectiveFrom: "2026-03-01" },
    KWD: { base: "EUR", currency: "KWD", rate: "0.3341", effectiveFrom: "2026-03-01" },
  },
};

describe("convert", () => {
  it("converts into the base currency with the currency's rate, rounding up to the next cent", () => {
    // 1,000.00 USD / 1.0832 = 923.1905… EUR
    expect(convert(100_000, "USD", "EUR", book)).toEqual({
      ok: true,
      conversion: {
        fromMinor: 100_000,
        fromCurrency: "USD",
        toMinor: 92_320,
        toCurrency: "EUR",
        on: "2026-03-02",
        legs: [book.rates.USD],
      },
    });
  });

  it("converts out of the base currency", () => {
    // 7,500.00 EUR × 90.39 = 677,925.00 INR, exactly
    expect(convert(750_000, "EUR", "INR", book)).toMatchObject({
      ok: true,
      conversion: { toMinor: 67_792_500, legs: [book.rates.INR] },
    });
  });

  it("crosses two currencies through the base, recording both legs", () => {
    // 50,000.00 INR / 90.39 × 1.0832 = 599.1813… USD
    expect(convert(5_000_000, "INR", "USD", book)).toMatchObject({
      ok: true,
      conversion: { toMinor: 59_919, toCurrency: "USD", legs: [book.rates.INR, book.rates.USD] },
    });
  });

  it("respects each currency's digits: yen have none, dinars three", () => {
    // 100.00 EUR × 162.5 = 16,250 JPY; 16,250 JPY → 100.000 EUR → × 0.3341 = 33.410 KWD
    expect(convert(10_000, "EUR", "JPY", book)).toMatchObject({ ok: true, conversion: { toMinor: 16_250 } });
    expect(convert(16_250, "JPY", "KWD", book)).toMatchObject({ ok: true, conversion: { toMinor: 33_410 } });
  });

  it("is exact where floats are not", () => {
    // 0.1 + 0.2 style trap: 3 × 0.1 EUR at rate 1 through a rate of 3 must be exactly 0.90
    const triple: RateBook = {
      ...book,
      rates: { XTR: { base: "EUR", currency: "XTR", rate: "3", effectiveFrom: "2026-01-01" } },
    };
    expect(convert(30, "EUR", "XTR", triple)).toMatchObject({ ok: true, conversion: { toMinor: 90 } });
    expect(convert(90, "XTR", "EUR", triple)).toMatchObject({ ok: true, conversion: { toMinor: 30 } });
  });

  it("rounds a credit note towards +∞ too, so it never grows in size", () => {
    expect(convert(-100_000, "USD", "EUR", book)).toMatchObject({ ok: true, conversion: { toMinor: -92_319 } });
  });

  it("names the missing rate and where an admin adds it", () => {
    expect(convert(100_000, "PLN", "EUR", book)).toEqual({
      ok: false,
      reason:
        "No exchange rate for PLN against EUR is in effect on 2026-03-02; an admin adds it in Settings → Exchange rates.",
    });
    expect(convert(100_000, "PLN", "CHF", book)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("PLN and CHF against EUR") as unknown,
    });
  });

  it("refuses a result too large to hold exactly", () => {
    expect(convert(Number.MAX_SAFE_INTEGER, "EUR", "JPY", book)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("too large to convert into JPY") as unknown,
    });
  });
});

describe("parseRate", () => {
  it("normalises a decimal", () => {
    expect(parseRate(" 090.3900 ")).toEqual({ ok: true, rate: "90.39" });
    expect(parseRate("1")).toEqual({ ok: true, rate: "1" });
    expect(parseRate("0.0001")).toEqual({ ok: true, rate: "0.0001" });
  });

  it("refuses zero, commas, signs, exponents and too many decimals with what to write instead", () => {
    expect(parseRate("0.000")).toEqual({ ok: false, message: "A rate must be above 0." });
    for (const bad of ["1,0832", "-1.2", "1e3", "1.12345678901", "", "abc"]) {
      expect(parseRate(bad)).toMatchObject({
        ok: false,
        message: expect.stringContaining("such as 1.0832") as unknown,
      });
    }
  });
});

describe("describeConversion", () => {
  it("says the amounts, the rate and its date", () => {
    const result = convert(100_000, "USD", "EUR", book);
    if (!result.ok) throw new Error(result.reason);
    expect(describeConversion(result.conversion)).toBe(
      "US$1,000.00 = €923.20 at 1 EUR = 1.0832 USD (effective 2026-03-01)",
    );
  });
});
