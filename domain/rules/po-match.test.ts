import { describe, expect, it } from "vitest";
import { checkPurchaseOrderMatch } from "./po-match";
import { makeContext, makeExtraction, makePurchaseOrder } from "./test-factory";

const invoice = (input: Parameters<typeof makeExtraction>[0] = {}) => makeExtraction({ poNumber: "PO-4471", ...input });
const check = (
  extraction = invoice(),
  purchaseOrder: ReturnType<typeof makePurchaseOrder> | null = makePurchaseOrder(),
  thresholds = {},
) => checkPurchaseOrderMatch(makeContext({ extraction, purchaseOrder, thresholds }));

describe("invoice ↔ purchase order", () => {
  it("passes when the invoice bills exactly what was ordered", () => {
    expect(check()).toEqual([]);
  });

  it("says nothing for an invoice that cites no PO, or for other document types", () => {
    expect(check(makeExtraction(), null)).toEqual([]);
    expect(check(invoice({ documentClass: "quote", totalMinor: 99_999 }))).toEqual([]);
  });

  it("fires when the cited PO is not on file", () => {
    expect(check(invoice(), null)).toEqual([
      {
        rule: "po-not-found",
        severity: "warning",
        message:
          "The invoice cites PO PO-4471, but no purchase order with that number is on file. Check the PO number on the document.",
        fields: ["poNumber"],
        details: { poNumber: "PO-4471" },
      },
    ]);
  });

  it("fires when the currencies differ and compares nothing else", () => {
    const findings = check(invoice({ currency: "USD", totalMinor: 99_999 }));
    expect(findings.map((f) => f.rule)).toEqual(["po-currency-mismatch"]);
  });

  it("allows the total within the percentage tolerance", () => {
    // 1 % of 30.60 is 0.306: 30.90 passes, 30.91 does not.
    expect(check(invoice({ taxMinor: 540 }))).toEqual([]);
    const over = check(invoice({ taxMinor: 541 }));
    expect(over.map((f) => f.rule)).toEqual(["po-total-mismatch"]);
    expect(over[0]).toMatchObject({ severity: "warning", details: { differenceMinor: 31 } });
    expect(over[0]?.message).toBe(
      "The invoice total €30.91 is €0.31 (1 %) above PO PO-4471's total €30.60 (tolerance 1 %).",
    );
  });

  it("notes an invoice below its PO without blocking it", () => {
    const findings = check(
      invoice({ lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 1000 }] }),
    );
    expect(findings).toEqual([expect.objectContaining({ rule: "po-total-mismatch", severity: "info" })]);
  });

  it("fires when a line is billed above its PO unit price", () => {
    const findings = check(
      invoice({
        lines: [
          { description: "Widget", sku: "W-1", quantity: 2, unitPriceMinor: 1100 },
          { description: "Gadget", sku: "G-1", quantity: 1, unitPriceMinor: 550 },
        ],
      }),
      makePurchaseOrder({ totalMinor: 3300 }),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "po-line-price-mismatch",
        severity: "warning",
        fields: ["lines[0].unitPriceMinor"],
        message: 'Line 1 "Widget" is billed at €11.00 a unit, PO PO-4471 ordered it at €10.00 (+10 %).',
      }),
    ]);
  });

  it("matches lines by description when there is no SKU", () => {
    const extraction = invoice({
      lines: [
        { description: "  widget ", quantity: 2, unitPriceMinor: 1000 },
        { description: "GADGET", quantity: 1, unitPriceMinor: 550 },
      ],
    });
    expect(check(extraction)).toEqual([]);
  });

  it("fires when more is billed than ordered, summing split lines", () => {
    const extraction = invoice({
      lines: [
        { description: "Widget", sku: "W-1", quantity: 2, unitPriceMinor: 1000 },
        { description: "Widget (back order)", sku: "W-1", quantity: 1, unitPriceMinor: 1000 },
      ],
    });
    const findings = check(extraction, makePurchaseOrder({ totalMinor: 3600 }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "po-line-quantity-mismatch",
        fields: ["lines[0].quantity", "lines[1].quantity"],
        message: '"Widget" is billed for 3 units, but PO PO-4471 ordered 2.',
      }),
    ]);
    expect(
      check(extraction, makePurchaseOrder({ totalMinor: 3600 }), { purchaseOrder: { quantityTolerance: 1 } }),
    ).toEqual([]);
  });

  it("fires for a line that is not on the PO", () => {
    const extraction = invoice({
      lines: [
        { description: "Widget", sku: "W-1", quantity: 2, unitPriceMinor: 1000 },
        { description: "Express shipping", quantity: 1, unitPriceMinor: 550 },
      ],
    });
    const findings = check(extraction);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "po-line-unmatched",
      fields: ["lines[1].description"],
      details: { description: "Express shipping" },
    });
  });

  it("compares a zero-decimal PO in its own currency", () => {
    const po = makePurchaseOrder({
      currency: "JPY",
      totalMinor: 10_000,
      lines: [{ description: "Widget", sku: null, quantity: 1, unitPriceMinor: 10_000, amountMinor: 10_000 }],
    });
    const findings = check(
      invoice({
        currency: "JPY",
        lines: [{ description: "Widget", quantity: 1, unitPriceMinor: 12_000 }],
        taxMinor: 0,
      }),
      po,
    );
    expect(findings.map((f) => f.message)).toEqual([
      "The invoice total JP¥12,000 is JP¥2,000 (20 %) above PO PO-4471's total JP¥10,000 (tolerance 1 %).",
      'Line 1 "Widget" is billed at JP¥12,000 a unit, PO PO-4471 ordered it at JP¥10,000 (+20 %).',
    ]);
  });
});
