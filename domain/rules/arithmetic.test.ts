import { describe, expect, it } from "vitest";
import { checkArithmetic } from "./arithmetic";
import { makeContext, makeExtraction } from "./test-factory";

const check = (extraction = makeExtraction(), thresholds = {}) =>
  checkArithmetic(makeContext({ extraction, thresholds }));

describe("arithmetic: line amounts", () => {
  it("passes when quantity × unit price equals the line amount", () => {
    expect(check()).toEqual([]);
  });

  it("fires when a line amount is not quantity × unit price, naming the line's fields and the amounts", () => {
    const findings = check(
      makeExtraction({ lines: [{ quantity: 3, unitPriceMinor: 1999, amountMinor: 5979 }], subtotalMinor: 5979 }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "line-amount-mismatch",
      severity: "error",
      fields: ["lines[0].quantity", "lines[0].unitPriceMinor", "lines[0].amountMinor"],
      details: { line: 0, expectedMinor: 5997, actualMinor: 5979, differenceMinor: -18 },
    });
    expect(findings[0]?.message).toBe("Line 1: 3 × €19.99 = €59.97, but the line amount reads €59.79 (off by -€0.18).");
  });

  it("allows the rounding of a unit price printed to the cent", () => {
    // 1000 × 0.125 = 125.00, printed as 1000 × 0.13.
    expect(check(makeExtraction({ lines: [{ quantity: 1000, unitPriceMinor: 13, amountMinor: 12_500 }] }))).toEqual([]);
  });

  it("allows a difference within the configured tolerance, not beyond it", () => {
    const extraction = makeExtraction({
      lines: [{ quantity: 1, unitPriceMinor: 1000, amountMinor: 1002 }],
      subtotalMinor: 1002,
    });
    expect(check(extraction).map((f) => f.rule)).toEqual(["line-amount-mismatch"]);
    expect(check(extraction, { arithmeticToleranceMinor: { line: 2 } })).toEqual([]);
  });

  it("handles fractional quantities", () => {
    expect(check(makeExtraction({ lines: [{ quantity: 2.5, unitPriceMinor: 3333, amountMinor: 8333 }] }))).toEqual([]);
  });

  it("skips a line whose quantity, price or amount was not read", () => {
    const extraction = makeExtraction({
      lines: [{ quantity: null, unitPriceMinor: 1000, amountMinor: 9999 }],
      subtotalMinor: 9999,
    });
    expect(check(extraction)).toEqual([]);
  });

  it("formats zero-decimal currencies without decimals", () => {
    const extraction = makeExtraction({
      currency: "JPY",
      lines: [{ quantity: 3, unitPriceMinor: 1200, amountMinor: 3500 }],
      subtotalMinor: 3500,
    });
    expect(check(extraction)[0]?.message).toBe(
      "Line 1: 3 × JP¥1,200 = JP¥3,600, but the line amount reads JP¥3,500 (off by -JP¥100).",
    );
  });

  it("checks negative credit note lines like any other", () => {
    const credit = makeExtraction({ lines: [{ quantity: -2, unitPriceMinor: 1000, amountMinor: -2000 }] });
    expect(check(credit)).toEqual([]);
    const wrong = makeExtraction({
      lines: [{ quantity: -2, unitPriceMinor: 1000, amountMinor: -2500 }],
      subtotalMinor: -2500,
    });
    expect(check(wrong).map((f) => f.rule)).toEqual(["line-amount-mismatch"]);
  });
});

describe("arithmetic: subtotal", () => {
  it("fires when the lines do not add up to the subtotal", () => {
    const findings = check(makeExtraction({ subtotalMinor: 2500, taxMinor: 500, totalMinor: 3000 }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "subtotal-mismatch",
      fields: ["lines[0].amountMinor", "lines[1].amountMinor", "subtotalMinor"],
      details: { linesSumMinor: 2550, subtotalMinor: 2500, differenceMinor: -50 },
    });
    expect(findings[0]?.message).toBe("The lines add up to €25.50, but the subtotal reads €25.00 (off by -€0.50).");
  });

  it("is exact in minor units apart from the tolerance", () => {
    expect(check(makeExtraction({ subtotalMinor: 2551, taxMinor: 510, totalMinor: 3061 }))).toEqual([]);
    expect(check(makeExtraction({ subtotalMinor: 2552, taxMinor: 510, totalMinor: 3062 })).map((f) => f.rule)).toEqual([
      "subtotal-mismatch",
    ]);
    expect(
      check(makeExtraction({ subtotalMinor: 2551, taxMinor: 510, totalMinor: 3061 }), {
        arithmeticToleranceMinor: { subtotal: 0 },
      }).map((f) => f.rule),
    ).toEqual(["subtotal-mismatch"]);
  });

  it("uses quantity × unit price for a line whose amount was not read", () => {
    const extraction = makeExtraction({
      lines: [
        { quantity: 2, unitPriceMinor: 1000, amountMinor: null },
        { quantity: 1, unitPriceMinor: 550 },
      ],
      subtotalMinor: 2550,
    });
    expect(check(extraction)).toEqual([]);
  });

  it("says nothing when there are no lines", () => {
    expect(check(makeExtraction({ lines: [], subtotalMinor: 1000, taxMinor: 200, totalMinor: 1200 }))).toEqual([]);
  });
});

describe("arithmetic: total", () => {
  it("fires when subtotal + tax is not the total", () => {
    const findings = check(makeExtraction({ totalMinor: 3000 }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "total-mismatch",
      fields: ["subtotalMinor", "taxMinor", "totalMinor"],
      details: { expectedMinor: 3060, differenceMinor: -60 },
    });
    expect(findings[0]?.message).toBe(
      "Subtotal €25.50 + tax €5.10 = €30.60, but the total reads €30.00 (off by -€0.60).",
    );
  });

  it("treats an unread tax as none and says so", () => {
    expect(check(makeExtraction({ taxMinor: null, totalMinor: 2550 }))).toEqual([]);
    expect(check(makeExtraction({ taxMinor: null, totalMinor: 3060 }))[0]?.message).toBe(
      "Subtotal €25.50 with no tax amount read, but the total reads €30.60 (off by €5.10).",
    );
  });

  it("checks the lines against the total when no subtotal was read", () => {
    const findings = check(makeExtraction({ subtotalMinor: null, taxMinor: 510, totalMinor: 4000 }));
    expect(findings.map((f) => f.rule)).toEqual(["total-mismatch"]);
    expect(findings[0]?.fields).toEqual(["lines[0].amountMinor", "lines[1].amountMinor", "taxMinor", "totalMinor"]);
  });

  it("adds up a negative credit note", () => {
    const credit = makeExtraction({
      lines: [{ quantity: 1, unitPriceMinor: -1000 }],
      taxMinor: -200,
      totalMinor: -1200,
    });
    expect(check(credit)).toEqual([]);
  });

  it("works in a three-decimal currency", () => {
    const findings = check(
      makeExtraction({
        currency: "KWD",
        lines: [{ quantity: 1, unitPriceMinor: 1500 }],
        taxMinor: 0,
        totalMinor: 1600,
      }),
    );
    expect(findings[0]?.message).toContain("KWD");
    expect(findings[0]?.message).toContain("1.600");
  });

  it("still reports amounts when the currency is unreadable", () => {
    const findings = check(makeExtraction({ currency: null, totalMinor: 3000 }));
    expect(findings[0]?.message).toContain("3000 minor units (currency unknown)");
  });
});
