import { describe, expect, it } from "vitest";
import type { Finding } from "../documents/types";
import { draftVendorQuery } from "./vendor-query";

const finding = (rule: string, message: string, severity: Finding["severity"] = "warning"): Finding => ({
  rule,
  severity,
  message,
  fields: [],
});

describe("draftVendorQuery", () => {
  const ctx = {
    vendorName: "ACME Ltd",
    documentLabel: "invoice",
    documentNumber: "INV-7",
    issueDate: "2026-03-04",
    totalMinor: 178_545,
    currency: "USD",
  };

  it("asks about the vendor's own document and keeps internal findings out", () => {
    const draft = draftVendorQuery(ctx, [
      finding("total-mismatch", "The total reads US$1,785.45, but the lines add up to US$1,685.45.", "error"),
      finding("over-budget", "Cost centre 4711 is over budget."),
      finding("low-confidence", "Keel is unsure of the issue date."),
      finding("po-not-found", "The invoice cites PO PO-1, but no purchase order with that number is on file."),
    ]);
    expect(draft.subject).toBe("Question about your invoice INV-7");
    expect(draft.body).toContain("Dear ACME Ltd,");
    expect(draft.body).toContain("your invoice INV-7 dated 2026-03-04, for US$1,785.45 and need your help");
    expect(draft.body).toContain("- The total reads US$1,785.45");
    expect(draft.body).toContain("- The invoice cites PO PO-1");
    expect(draft.body).not.toContain("budget");
    expect(draft.body).not.toContain("unsure");
  });

  it("leaves a prompt to fill in when no finding is the vendor's to answer", () => {
    const draft = draftVendorQuery(
      { ...ctx, vendorName: null, documentNumber: null, issueDate: null, totalMinor: null },
      [],
    );
    expect(draft.subject).toBe("Question about your invoice");
    expect(draft.body).toContain("Dear Sir or Madam,");
    expect(draft.body).toContain("- (Say what you need the vendor to confirm or correct.)");
  });
});
