import { describe, expect, it } from "vitest";
import { checkDuplicateInvoice } from "./duplicate-invoice";
import { makeContext, makeExtraction, makePriorDocument } from "./test-factory";

const invoice = makeExtraction({
  documentNumber: "INV-1001",
  issueDate: "2026-11-02",
  totalMinor: 3060,
  currency: "EUR",
  vendorName: "ACME Ltd",
});

describe("duplicate invoice", () => {
  it("passes when no earlier invoice shares the number or the amount", () => {
    expect(
      checkDuplicateInvoice(
        makeContext({
          extraction: invoice,
          vendorDocuments: [makePriorDocument({ number: "INV-0999", totalMinor: 5000 })],
        }),
      ),
    ).toEqual([]);
  });

  it("fires as an error for the same vendor and invoice number", () => {
    const prior = makePriorDocument({
      documentId: "doc-1",
      number: "inv 1001",
      issueDate: "2026-06-01",
      totalMinor: 3060,
    });
    const findings = checkDuplicateInvoice(makeContext({ extraction: invoice, vendorDocuments: [prior] }));
    expect(findings).toEqual([
      {
        rule: "duplicate-invoice-number",
        severity: "error",
        message:
          "Invoice INV-1001 from ACME Ltd was already received (number inv 1001, issued 2026-06-01, for €30.60). Confirm whether this is the same invoice before paying it again.",
        fields: ["documentNumber", "vendorName"],
        details: { priorDocumentId: "doc-1", priorNumber: "inv 1001", number: "INV-1001" },
      },
    ]);
  });

  it("warns for the same amount within the window, with the days apart", () => {
    const prior = makePriorDocument({
      documentId: "doc-2",
      number: "INV-0990",
      issueDate: "2026-10-20",
      totalMinor: 3060,
    });
    const findings = checkDuplicateInvoice(makeContext({ extraction: invoice, vendorDocuments: [prior] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "possible-duplicate-invoice",
      severity: "warning",
      details: { priorDocumentId: "doc-2", daysApart: 13 },
    });
    expect(findings[0]?.message).toContain("€30.60 13 days apart");
  });

  it("does not warn for the same amount outside the window, or at the window's edge when shortened", () => {
    const prior = makePriorDocument({ issueDate: "2026-09-01", totalMinor: 3060 });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, vendorDocuments: [prior] }))).toEqual([]);
    const close = makePriorDocument({ issueDate: "2026-10-26", totalMinor: 3060 });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, vendorDocuments: [close] }))).toHaveLength(1);
    expect(
      checkDuplicateInvoice(
        makeContext({ extraction: invoice, vendorDocuments: [close], thresholds: { duplicateWindowDays: 6 } }),
      ),
    ).toEqual([]);
  });

  it("needs the same currency for an amount match", () => {
    const prior = makePriorDocument({ issueDate: "2026-11-01", totalMinor: 3060, currency: "USD" });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, vendorDocuments: [prior] }))).toEqual([]);
  });

  it("catches a repeated credit note", () => {
    const credit = makeExtraction({
      documentNumber: "CN-7",
      lines: [{ quantity: 1, unitPriceMinor: -1000 }],
      taxMinor: 0,
      totalMinor: -1000,
    });
    const prior = makePriorDocument({ number: "CN-9", issueDate: "2026-11-01", totalMinor: -1000 });
    expect(
      checkDuplicateInvoice(makeContext({ extraction: credit, vendorDocuments: [prior] })).map((f) => f.rule),
    ).toEqual(["possible-duplicate-invoice"]);
  });

  it("compares invoices only", () => {
    const po = makePriorDocument({ documentClass: "purchase_order", number: "INV-1001" });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, vendorDocuments: [po] }))).toEqual([]);
    const notInvoice = makeExtraction({ documentClass: "quote", documentNumber: "INV-1001" });
    expect(
      checkDuplicateInvoice(
        makeContext({ extraction: notInvoice, vendorDocuments: [makePriorDocument({ number: "INV-1001" })] }),
      ),
    ).toEqual([]);
  });

  it("never counts the document itself, as when a run is replayed", () => {
    const self = makePriorDocument({
      documentId: "doc-current",
      number: "INV-1001",
      issueDate: "2026-11-02",
      totalMinor: 3060,
    });
    expect(
      checkDuplicateInvoice(makeContext({ documentId: "doc-current", extraction: invoice, vendorDocuments: [self] })),
    ).toEqual([]);
  });

  it("does not match on a missing number, date or total", () => {
    const blank = makeExtraction({ documentNumber: null, issueDate: null });
    const prior = makePriorDocument({ number: null, totalMinor: 3060, issueDate: "2026-11-02" });
    expect(checkDuplicateInvoice(makeContext({ extraction: blank, vendorDocuments: [prior] }))).toEqual([]);
  });
});
