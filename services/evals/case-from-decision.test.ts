import { describe, expect, it } from "vitest";
import type { ExtractedText } from "@/domain/documents/types";
import { makeExtraction } from "@/domain/rules/test-factory";
import { caseTextOf, expectedValues, promotedCaseId, promotionRefusal } from "./case-from-decision";

const text: ExtractedText = {
  source: "pdf-text",
  warnings: ["one page was rotated"],
  pages: [{ page: 1, text: "Invoice INV-9 total 12.00", spans: [{ start: 0, end: 7 } as never] }],
};
const extraction = {
  extraction: makeExtraction({ documentNumber: "INV-9", totalMinor: 1200 }),
  createdAt: new Date("2026-11-02T10:00:00Z"),
};
const decided = {
  task: { status: "resolved", action: "edit_and_approve", resolvedAt: new Date("2026-11-02T11:00:00Z") },
};

describe("promotionRefusal", () => {
  it("accepts a task whose fields a person corrected", () => {
    expect(promotionRefusal({ ...decided, text, extraction })).toBeNull();
  });

  it("refuses an open task", () => {
    expect(promotionRefusal({ task: { status: "open", action: null, resolvedAt: null }, text, extraction })).toMatch(
      /Only a decided task/,
    );
  });

  it("refuses a rejection, which confirms no fields", () => {
    expect(promotionRefusal({ task: { ...decided.task, action: "reject" }, text, extraction })).toMatch(
      /resolved with "reject"/,
    );
  });

  it("refuses a document with no text, saying what to do", () => {
    const blank: ExtractedText = { source: "ocr", warnings: [], pages: [{ page: 1, text: "  \n", spans: [] }] };
    expect(promotionRefusal({ ...decided, text: blank, extraction })).toMatch(/no extracted text.*Replay/s);
    expect(promotionRefusal({ ...decided, text: null, extraction })).toMatch(/no extracted text/);
  });

  it("refuses a document with no extracted fields", () => {
    expect(promotionRefusal({ ...decided, text, extraction: null })).toMatch(/no extracted fields/);
  });
});

describe("expectedValues", () => {
  it("writes every case field of the latest extraction in the case's text form", () => {
    expect(expectedValues(extraction, null, null)).toEqual({
      documentClass: "invoice",
      vendorName: "ACME Ltd",
      vendorTaxId: "GB123456789",
      documentNumber: "INV-9",
      poNumber: null,
      issueDate: "2026-11-02",
      dueDate: null,
      currency: "EUR",
      subtotalMinor: "2550",
      taxMinor: "510",
      totalMinor: "1200",
      paymentTerms: null,
    });
  });

  it("lays a decision recorded after the extraction over it", () => {
    const later = expectedValues(
      extraction,
      { totalMinor: 1300, dueDate: "2026-12-01" },
      new Date("2026-11-02T12:00:00Z"),
    );
    expect(later).toMatchObject({ totalMinor: "1300", dueDate: "2026-12-01", documentNumber: "INV-9" });
  });

  it("keeps a later extraction over an earlier decision's values", () => {
    const earlier = expectedValues(extraction, { totalMinor: 999 }, new Date("2026-11-02T09:00:00Z"));
    expect(earlier.totalMinor).toBe("1200");
  });
});

describe("caseTextOf", () => {
  it("keeps the pages' text and drops positions and warnings", () => {
    expect(caseTextOf(text)).toEqual({ source: "pdf-text", pages: [{ page: 1, text: "Invoice INV-9 total 12.00" }] });
  });
});

it("names a promoted case after its document", () => {
  expect(promotedCaseId("0F8FAD5B-D9CB-469F-A165-70867728950E")).toBe("promoted-0f8fad5b-d9cb-469f-a165-70867728950e");
});
