import { describe, expect, it } from "vitest";
import { checkRate, isIsoDay, parseRatesCsv } from "./fx-import";

describe("parseRatesCsv", () => {
  it("reads a rate sheet with a BOM, CRLF, quotes, blank lines and lowercase codes", () => {
    const csv = '\uFEFFcurrency,rate,effective_from\r\nusd,1.0832,2026-03-02\r\n\r\n"INR","90.3900","2026-03-01"\r\n';
    expect(parseRatesCsv(csv, "EUR")).toEqual({
      ok: true,
      rates: [
        { currency: "USD", rate: "1.0832", effectiveFrom: "2026-03-02" },
        { currency: "INR", rate: "90.39", effectiveFrom: "2026-03-01" },
      ],
    });
  });

  it("refuses the whole file, naming each bad line and what to fix", () => {
    const csv = [
      "currency,rate,effective_from",
      "USD,1.0832,2026-03-02",
      "USX,1.2,2026-03-02",
      "PLN,4,2845,2026-03-02",
      "GBP,0.85,02/03/2026",
      "EUR,1,2026-03-02",
      "CHF,0,2026-03-02",
      "USD,1.09,2026-03-02",
    ].join("\n");
    expect(parseRatesCsv(csv, "EUR")).toEqual({
      ok: false,
      errors: [
        'Line 3: "USX" is not a currency code; write an ISO 4217 code such as USD.',
        "Line 4: expected 3 values (currency,rate,effective_from), found 4; write the rate with a decimal point (1.0832), never a comma.",
        'Line 5: "02/03/2026" is not a date; write the day it takes effect as YYYY-MM-DD, such as 2026-03-02.',
        "Line 6: EUR is the base currency (KEEL_BASE_CURRENCY); its rate is always 1, so leave it out.",
        "Line 7: A rate must be above 0.",
        "Line 8: USD from 2026-03-02 is already on line 2; keep one of them.",
      ],
    });
  });

  it("asks for the header first", () => {
    expect(parseRatesCsv("USD,1.0832,2026-03-02\n", "EUR")).toEqual({
      ok: false,
      errors: [
        'Line 1: the first line must be the header currency,rate,effective_from; it is "USD,1.0832,2026-03-02".',
      ],
    });
  });

  it("says what to write in an empty file or one with only the header", () => {
    expect(parseRatesCsv("  \n", "EUR")).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("The file is empty") as unknown],
    });
    expect(parseRatesCsv("currency,rate,effective_from\n", "EUR")).toMatchObject({
      ok: false,
      errors: [expect.stringContaining("no rates") as unknown],
    });
  });
});

describe("checkRate", () => {
  it("returns each field's problem separately, for a form", () => {
    expect(checkRate({ currency: "usd", rate: "1,08", effectiveFrom: "2026-02-30" }, "EUR")).toEqual({
      ok: false,
      errors: {
        rate: 'Write the rate as a plain decimal with a point, such as 1.0832 (at most 10 decimals); "1,08" is not one.',
        effectiveFrom: '"2026-02-30" is not a date; write the day it takes effect as YYYY-MM-DD, such as 2026-03-02.',
      },
    });
  });

  it("knows real days", () => {
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-02-29")).toBe(false);
  });
});
