import { describe, expect, it } from "vitest";
import { formatHandling, formatUsdMicros, priceCost } from "./cost";

const book = {
  base: "EUR",
  on: "2005-03-13",
  rates: { USD: { base: "EUR", currency: "USD", rate: "1.25", effectiveFrom: "2005-03-01" } },
};

describe("priceCost", () => {
  it("prices handling at the hourly rate and converts model spend from USD into the rate's currency", () => {
    // 30 min at 45.00 EUR = 2250 cents; US$2.50 at 1 EUR = 1.25 USD = 2.00 EUR = 200 cents; over 2 documents.
    const priced = priceCost(
      { documents: 2, modelMicros: 2_500_000, handlingMs: 1_800_000 },
      { hourlyRateMinor: 4500, currency: "EUR", book },
    );
    expect(priced).toMatchObject({ handlingMinor: 2250, modelMinor: 200, perDocumentMinor: 1225, missingRate: null });
  });

  it("keeps model spend in USD when the rate's currency is USD", () => {
    const priced = priceCost(
      { documents: 1, modelMicros: 12_345, handlingMs: 0 },
      { hourlyRateMinor: 6000, currency: "USD", book: { base: "EUR", on: "2005-03-13", rates: {} } },
    );
    expect(priced.modelMinor).toBeCloseTo(1.2345, 9);
  });

  it("keeps the parts apart and names the missing rate and where to add it", () => {
    const priced = priceCost(
      { documents: 1, modelMicros: 1_000, handlingMs: 3_600_000 },
      { hourlyRateMinor: 4500, currency: "EUR", book: { base: "EUR", on: "2005-03-13", rates: {} } },
    );
    expect(priced).toMatchObject({ handlingMinor: 4500, modelMinor: null, perDocumentMinor: null });
    expect(priced.missingRate).toBe(
      "No exchange rate for USD against EUR is in effect on 2005-03-13; an admin adds it in Settings → Exchange rates.",
    );
  });

  it("has no cost per document over no documents", () => {
    expect(
      priceCost({ documents: 0, modelMicros: 0, handlingMs: 0 }, { hourlyRateMinor: 4500, currency: "EUR", book })
        .perDocumentMinor,
    ).toBeNull();
  });
});

describe("formatting measured cost", () => {
  it("writes USD micros to four decimals and handling in minutes to a tenth", () => {
    expect(formatUsdMicros(12_345)).toBe("US$0.0123");
    expect(formatHandling(750_000)).toBe("12.5 min");
  });
});
