import { describe, expect, it } from "vitest";
import { checkDuplicateInvoice } from "./duplicate-invoice";
import { nearIdenticalSimilarity } from "../documents/fingerprint";
import { bankDetails, makeContext, makeEarlierDocument, makeExtraction } from "./test-factory";

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
          earlierDocuments: [makeEarlierDocument({ number: "INV-0999", totalMinor: 5000 })],
        }),
      ),
    ).toEqual([]);
  });

  it("fires as an error for the same vendor and invoice number", () => {
    const prior = makeEarlierDocument({
      documentId: "doc-1",
      number: "inv 1001",
      issueDate: "2026-06-01",
      totalMinor: 3060,
    });
    const findings = checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [prior] }));
    expect(findings).toEqual([
      {
        rule: "duplicate-invoice-number",
        severity: "error",
        message:
          "Invoice INV-1001 from ACME Ltd was already received (as doc-1.pdf, number inv 1001, issued 2026-06-01, for €30.60, waiting for a decision): the same vendor on file and invoice number. Confirm whether this is the same invoice before paying it again.",
        fields: ["documentNumber", "vendorName"],
        details: {
          priorDocumentId: "doc-1",
          priorNumber: "inv 1001",
          priorStatus: "needs_review",
          textSimilarity: null,
          number: "INV-1001",
          matchedBy: ["vendor"],
        },
      },
    ]);
  });

  it("warns for the same amount within the window, with the days apart", () => {
    const prior = makeEarlierDocument({
      documentId: "doc-2",
      number: "INV-0990",
      issueDate: "2026-10-20",
      totalMinor: 3060,
    });
    const findings = checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [prior] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: "possible-duplicate-invoice",
      severity: "warning",
      details: { priorDocumentId: "doc-2", daysApart: 13 },
    });
    expect(findings[0]?.message).toContain("€30.60 13 days apart");
  });

  it("does not warn for the same amount outside the window, or at the window's edge when shortened", () => {
    const prior = makeEarlierDocument({ issueDate: "2026-09-01", totalMinor: 3060 });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [prior] }))).toEqual([]);
    const close = makeEarlierDocument({ issueDate: "2026-10-26", totalMinor: 3060 });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [close] }))).toHaveLength(1);
    expect(
      checkDuplicateInvoice(
        makeContext({ extraction: invoice, earlierDocuments: [close], thresholds: { duplicateWindowDays: 6 } }),
      ),
    ).toEqual([]);
  });

  it("needs the same currency for an amount match", () => {
    const prior = makeEarlierDocument({ issueDate: "2026-11-01", totalMinor: 3060, currency: "USD" });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [prior] }))).toEqual([]);
  });

  it("catches a repeated credit note", () => {
    const credit = makeExtraction({
      documentNumber: "CN-7",
      lines: [{ quantity: 1, unitPriceMinor: -1000 }],
      taxMinor: 0,
      totalMinor: -1000,
    });
    const prior = makeEarlierDocument({ number: "CN-9", issueDate: "2026-11-01", totalMinor: -1000 });
    expect(
      checkDuplicateInvoice(makeContext({ extraction: credit, earlierDocuments: [prior] })).map((f) => f.rule),
    ).toEqual(["possible-duplicate-invoice"]);
  });

  it("compares invoices only", () => {
    const po = makeEarlierDocument({ documentClass: "purchase_order", number: "INV-1001" });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [po] }))).toEqual([]);
    const notInvoice = makeExtraction({ documentClass: "quote", documentNumber: "INV-1001" });
    expect(
      checkDuplicateInvoice(
        makeContext({ extraction: notInvoice, earlierDocuments: [makeEarlierDocument({ number: "INV-1001" })] }),
      ),
    ).toEqual([]);
  });

  it("never counts the document itself, as when a run is replayed", () => {
    const self = makeEarlierDocument({
      documentId: "doc-current",
      number: "INV-1001",
      issueDate: "2026-11-02",
      totalMinor: 3060,
    });
    expect(
      checkDuplicateInvoice(makeContext({ documentId: "doc-current", extraction: invoice, earlierDocuments: [self] })),
    ).toEqual([]);
  });

  it("does not match on a missing number, date or total", () => {
    const blank = makeExtraction({ documentNumber: null, issueDate: null });
    const prior = makeEarlierDocument({ number: null, totalMinor: 3060, issueDate: "2026-11-02" });
    expect(checkDuplicateInvoice(makeContext({ extraction: blank, earlierDocuments: [prior] }))).toEqual([]);
  });
  it("finds an earlier invoice from a seller not on file by its tax id, IBAN or name, with the number", () => {
    const unknown = makeExtraction({
      documentNumber: "INV-1001",
      vendorName: "Globex GmbH",
      vendorTaxId: "DE 123 456 789",
      bankDetails: bankDetails({ iban: "DE89 3704 0044 0532 0130 00" }),
    });
    const byTaxId = makeEarlierDocument({
      number: "inv-1001",
      seller: { vendorId: null, taxIds: ["DE123456789"], ibans: [], names: [] },
    });
    const byIban = makeEarlierDocument({
      number: "INV 1001",
      seller: { vendorId: null, taxIds: [], ibans: ["DE89370400440532013000"], names: [] },
    });
    const byName = makeEarlierDocument({
      number: "INV1001",
      seller: { vendorId: null, taxIds: [], ibans: [], names: ["GLOBEX"] },
    });
    const stranger = makeEarlierDocument({
      number: "INV-1001",
      seller: { vendorId: null, taxIds: ["FR999"], ibans: [], names: ["Initech"] },
    });
    const findings = checkDuplicateInvoice(
      makeContext({ vendor: null, extraction: unknown, earlierDocuments: [byTaxId, byIban, byName, stranger] }),
    );
    expect(findings.map((f) => [f.rule, f.details?.priorDocumentId, f.details?.matchedBy])).toEqual([
      ["duplicate-invoice-number", byTaxId.documentId, ["tax id"]],
      ["duplicate-invoice-number", byIban.documentId, ["IBAN"]],
      ["duplicate-invoice-number", byName.documentId, ["name"]],
    ]);
    expect(findings[0]?.message).toContain("from Globex GmbH was already received");
  });

  it("finds a copy received before the vendor was put on file, by what it printed", () => {
    const before = makeEarlierDocument({
      number: "INV-1001",
      seller: { vendorId: null, taxIds: ["GB 123456789"], ibans: [], names: ["Acme"] },
    });
    const findings = checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [before] }));
    expect(findings.map((f) => f.details?.matchedBy)).toEqual([["tax id", "name"]]);
  });

  it("says the earlier document's status, and that a posted one is already a payable", () => {
    const posted = makeEarlierDocument({ number: "INV-1001", status: "posted" });
    const [found] = checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [posted] }));
    expect(found?.message).toContain("already posted as a payable");
    expect(found?.details?.priorStatus).toBe("posted");
  });

  it("flags a near-identical text even when the number and seller were read differently", () => {
    const rescan = makeEarlierDocument({
      number: "lNV-1OO1",
      seller: { vendorId: null, taxIds: [], ibans: [], names: ["ACNE Ltd"] },
      textSimilarity: 0.86,
    });
    const findings = checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [rescan] }));
    expect(findings).toEqual([
      {
        rule: "duplicate-document-text",
        severity: "error",
        message: `This document reads almost the same as one received earlier (as ${rescan.filename}, number lNV-1OO1, issued 2026-10-01, for €99.99, waiting for a decision): 86 % of the text matches, as it does when an invoice is sent, exported or scanned again. Confirm whether it is the same invoice before paying it again.`,
        fields: ["documentNumber", "vendorName", "totalMinor"],
        details: {
          priorDocumentId: rescan.documentId,
          priorNumber: "lNV-1OO1",
          priorStatus: "needs_review",
          textSimilarity: 0.86,
        },
      },
    ]);
  });

  it("lets a different number and a different total tell another invoice on the same template apart", () => {
    const lastMonth = makeEarlierDocument({
      number: "INV-0990",
      totalMinor: 2500,
      textSimilarity: 0.9,
      issueDate: "2026-10-02",
    });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [lastMonth] }))).toEqual([]);
    const sameTotal = makeEarlierDocument({
      number: "INV-0990",
      totalMinor: 3060,
      textSimilarity: 0.9,
      issueDate: "2026-08-02",
    });
    expect(
      checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [sameTotal] })).map((f) => f.rule),
    ).toEqual(["duplicate-document-text"]);
  });

  it("does not flag a text below the near-identical threshold", () => {
    const alike = makeEarlierDocument({ number: null, textSimilarity: nearIdenticalSimilarity - 0.01 });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [alike] }))).toEqual([]);
  });

  it("needs the same seller for a number or amount match", () => {
    const other = makeEarlierDocument({
      number: "INV-1001",
      issueDate: "2026-11-01",
      totalMinor: 3060,
      seller: { vendorId: "vendor-other", taxIds: ["US-1"], ibans: [], names: ["Initech"] },
    });
    expect(checkDuplicateInvoice(makeContext({ extraction: invoice, earlierDocuments: [other] }))).toEqual([]);
  });
});
