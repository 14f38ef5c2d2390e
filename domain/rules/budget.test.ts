import { describe, expect, it } from "vitest";
import { checkBudget } from "./budget";
import { makeContext, makeExtraction } from "./test-factory";

const budget = { name: "Facilities 2026", remainingMinor: 3000, currency: "EUR" };

describe("budget", () => {
  it("passes when the total fits what is left, including exactly", () => {
    expect(checkBudget(makeContext({ budget: { ...budget, remainingMinor: 3060 } }))).toEqual([]);
  });

  it("fires when the total exceeds what is left, with the amounts", () => {
    expect(checkBudget(makeContext({ budget }))).toEqual([
      {
        rule: "over-budget",
        severity: "warning",
        message: '€30.60 is €0.60 more than the €30.00 left on budget "Facilities 2026".',
        fields: ["totalMinor"],
        details: { budget: "Facilities 2026", totalMinor: 3060, remainingMinor: 3000, overMinor: 60, currency: "EUR" },
      },
    ]);
  });

  it("fires when the budget is already overspent", () => {
    expect(checkBudget(makeContext({ budget: { ...budget, remainingMinor: -500 } }))[0]?.details).toMatchObject({
      overMinor: 3560,
    });
  });

  it("never fires for a credit note", () => {
    const credit = makeExtraction({ lines: [{ quantity: 1, unitPriceMinor: -5000 }], taxMinor: 0, totalMinor: -5000 });
    expect(checkBudget(makeContext({ extraction: credit, budget }))).toEqual([]);
  });

  it("says it cannot compare across currencies", () => {
    const findings = checkBudget(makeContext({ extraction: makeExtraction({ currency: "USD" }), budget }));
    expect(findings[0]).toMatchObject({ rule: "budget-currency-mismatch", severity: "warning" });
    expect(findings[0]?.message).toContain("$30.60");
  });

  it("says nothing when the budget is unknown, or for documents that do not spend", () => {
    expect(checkBudget(makeContext({ budget: null }))).toEqual([]);
    expect(checkBudget(makeContext({ extraction: makeExtraction({ documentClass: "quote" }), budget }))).toEqual([]);
    expect(checkBudget(makeContext({ extraction: makeExtraction({ totalMinor: null }), budget }))).toEqual([]);
  });

  it("works for zero-decimal currencies", () => {
    const yen = makeExtraction({ currency: "JPY", lines: [{ quantity: 1, unitPriceMinor: 120_000 }], taxMinor: 0 });
    expect(
      checkBudget(makeContext({ extraction: yen, budget: { name: "IT", remainingMinor: 100_000, currency: "JPY" } }))[0]
        ?.message,
    ).toBe('JP¥120,000 is JP¥20,000 more than the JP¥100,000 left on budget "IT".');
  });
});
