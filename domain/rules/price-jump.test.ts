import { describe, expect, it } from "vitest";
import { checkPriceJump } from "./price-jump";
import { makeContext, makeExtraction, makePriorDocument } from "./test-factory";

const withPrice = (unitPriceMinor: number, input: Parameters<typeof makeExtraction>[0] = {}) =>
  makeExtraction({ lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor }], ...input });
const history = [
  makePriorDocument({
    documentId: "doc-9",
    number: "INV-0900",
    issueDate: "2026-10-01",
    lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 1000 }],
  }),
];

describe("unit price jump", () => {
  it("passes at or below the threshold", () => {
    expect(checkPriceJump(makeContext({ extraction: withPrice(1050), vendorDocuments: history }))).toEqual([]);
    expect(checkPriceJump(makeContext({ extraction: withPrice(900), vendorDocuments: history }))).toEqual([]);
  });

  it("fires above the threshold, naming the line, both prices and the earlier document", () => {
    const findings = checkPriceJump(makeContext({ extraction: withPrice(1120), vendorDocuments: history }));
    expect(findings).toEqual([
      {
        rule: "price-jump",
        severity: "warning",
        message:
          'Line 1 "Widget": €11.20 a unit, up 12 % from €10.00 on invoice INV-0900 of 2026-10-01. Confirm the new price.',
        fields: ["lines[0].unitPriceMinor"],
        details: {
          line: 0,
          unitPriceMinor: 1120,
          previousUnitPriceMinor: 1000,
          percent: 12,
          thresholdPercent: 5,
          previousDocumentId: "doc-9",
          currency: "EUR",
        },
      },
    ]);
  });

  it("honours the configured percentage", () => {
    expect(
      checkPriceJump(
        makeContext({ extraction: withPrice(1120), vendorDocuments: history, thresholds: { priceJumpPercent: 15 } }),
      ),
    ).toEqual([]);
  });

  it("compares with the most recent price, not the oldest", () => {
    const older = makePriorDocument({
      issueDate: "2026-01-01",
      lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 500 }],
    });
    const undated = makePriorDocument({
      issueDate: null,
      lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 400 }],
    });
    expect(
      checkPriceJump(makeContext({ extraction: withPrice(1050), vendorDocuments: [undated, older, ...history] })),
    ).toEqual([]);
  });

  it("matches by SKU when both sides have one, else by description", () => {
    const renamed = makeExtraction({
      lines: [{ description: "Widget, blue", sku: "w 1", quantity: 1, unitPriceMinor: 2000 }],
    });
    expect(checkPriceJump(makeContext({ extraction: renamed, vendorDocuments: history }))).toHaveLength(1);
    const noSku = makeExtraction({ lines: [{ description: "WIDGET", quantity: 1, unitPriceMinor: 2000 }] });
    expect(checkPriceJump(makeContext({ extraction: noSku, vendorDocuments: history }))).toHaveLength(1);
    const otherItem = makeExtraction({
      lines: [{ description: "Gizmo", sku: "Z-9", quantity: 1, unitPriceMinor: 2000 }],
    });
    expect(checkPriceJump(makeContext({ extraction: otherItem, vendorDocuments: history }))).toEqual([]);
  });

  it("compares prices in the same currency only", () => {
    expect(
      checkPriceJump(makeContext({ extraction: withPrice(2000, { currency: "USD" }), vendorDocuments: history })),
    ).toEqual([]);
  });

  it("never compares a document with itself", () => {
    const self = makePriorDocument({
      documentId: "doc-current",
      issueDate: "2026-12-01",
      lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 2000 }],
    });
    expect(
      checkPriceJump(
        makeContext({ documentId: "doc-current", extraction: withPrice(2000), vendorDocuments: [self, ...history] }),
      ),
    ).toHaveLength(1);
  });

  it("skips credit lines and items with no history", () => {
    expect(checkPriceJump(makeContext({ extraction: withPrice(-2000), vendorDocuments: history }))).toEqual([]);
    expect(checkPriceJump(makeContext({ extraction: withPrice(2000), vendorDocuments: [] }))).toEqual([]);
  });

  it("fires for each line of a price change notice that jumps", () => {
    const notice = makeExtraction({
      documentClass: "price_change",
      lines: [
        { description: "Widget", sku: "W-1", quantity: null, unitPriceMinor: 1200, amountMinor: null },
        { description: "Gadget", sku: "G-1", quantity: null, unitPriceMinor: 700, amountMinor: null },
      ],
    });
    const past = makePriorDocument({
      lines: [
        { description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 1000 },
        { description: "Gadget", sku: "G-1", quantity: 1, unitPriceMinor: 550 },
      ],
    });
    expect(
      checkPriceJump(makeContext({ extraction: notice, vendorDocuments: [past] })).map((f) => f.fields[0]),
    ).toEqual(["lines[0].unitPriceMinor", "lines[1].unitPriceMinor"]);
  });

  it("works in zero-decimal currencies", () => {
    const yenHistory = [
      makePriorDocument({
        currency: "JPY",
        lines: [{ description: "Widget", sku: "W-1", quantity: 1, unitPriceMinor: 1000 }],
      }),
    ];
    expect(
      checkPriceJump(makeContext({ extraction: withPrice(1100, { currency: "JPY" }), vendorDocuments: yenHistory }))[0]
        ?.message,
    ).toContain("JP¥1,100 a unit, up 10 % from JP¥1,000");
  });
});
