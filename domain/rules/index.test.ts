import { describe, expect, it } from "vitest";
import { checkRules, ruleIds } from "./index";
import {
  bankDetails,
  makeContext,
  makeEarlierDocument,
  makeExtraction,
  makePriorDocument,
  makePurchaseOrder,
} from "./test-factory";

describe("checkRules", () => {
  it("finds nothing on a clean invoice from a known vendor", () => {
    expect(checkRules(makeContext())).toEqual([]);
  });

  it("runs every rule and returns their findings, data first", () => {
    const extraction = makeExtraction({
      poNumber: "PO-1",
      totalMinor: 4000,
      currency: "USD",
      bankDetails: bankDetails({ iban: "GB94BARC10201530093459" }),
      confidenceOf: { vendorName: 0.5 },
    });
    const findings = checkRules(
      makeContext({
        extraction,
        earlierDocuments: [makeEarlierDocument({ number: "INV-1001" })],
        budget: { name: "Ops", remainingMinor: 100, currency: "USD" },
      }),
    );
    expect(findings.map((f) => f.rule)).toEqual([
      "low-confidence",
      "total-mismatch",
      "vendor-currency-mismatch",
      "bank-details-changed",
      "duplicate-invoice-number",
      "po-not-found",
      "over-budget",
    ]);
  });

  it("only ever emits known, kebab-case rule ids with an actionable message and fields", () => {
    const findings = checkRules(
      makeContext({
        extraction: makeExtraction({
          poNumber: "PO-4471",
          lines: [{ description: "Widget", sku: "W-1", quantity: 5, unitPriceMinor: 2000, amountMinor: 100 }],
        }),
        purchaseOrder: makePurchaseOrder(),
        vendorDocuments: [makePriorDocument()],
      }),
    );
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(ruleIds).toContain(f.rule);
      expect(f.rule).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.fields.length).toBeGreaterThan(0);
    }
  });
});
