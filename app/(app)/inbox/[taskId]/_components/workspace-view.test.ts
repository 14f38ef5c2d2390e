import { describe, expect, it } from "vitest";
import type { ExtractedText } from "@/domain/documents/types";
import { makeExtraction } from "@/domain/rules/test-factory";
import { sourceLabel, workspaceOf } from "./workspace-view";

const page = "INVOICE INV-7\nTotal Due: 27.90";
const text: ExtractedText = { source: "text", pages: [{ page: 1, text: page, spans: [] }], warnings: [] };

function invoice() {
  const extraction = makeExtraction({ documentNumber: "INV-7", totalMinor: 2790, currency: "EUR" });
  const start = page.indexOf("27.90");
  extraction.fields.totalMinor.evidence = { page: 1, start, end: start + 5, text: "27.90" };
  return extraction;
}

describe("workspaceOf", () => {
  it("labels the fields as the domain does, for the document's class", () => {
    const { fields } = workspaceOf(invoice(), text);
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]));
    expect(byName.documentClass?.label).toBe("Document type");
    expect(byName.documentNumber?.label).toBe("Invoice number");
    expect(byName.totalMinor).toMatchObject({ label: "Total", kind: "money", suffix: "EUR", evidencePage: 1 });
    expect(byName.vendorName?.evidencePage).toBeNull();
  });

  it("marks each field's evidence in the page text", () => {
    const { pages } = workspaceOf(invoice(), text);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.segments.filter((s) => s.mark)).toEqual([{ text: "27.90", mark: "totalMinor" }]);
    expect(pages[0]?.segments.map((s) => s.text).join("")).toBe(page);
  });

  it("gives the lines to the grid as their cells read, amounts in the document's currency", () => {
    const { fields, lines, readOnly } = workspaceOf(invoice(), text);
    expect(lines.map((l) => l.label)).toEqual(["Line 1", "Line 2"]);
    expect(lines[0]?.edit).toEqual({
      description: "Widget",
      quantity: "2",
      unitPriceMinor: "10.00",
      amountMinor: "20.00",
    });
    expect(readOnly).toEqual([]);
    expect(fields.some((f) => f.name.startsWith("line-"))).toBe(false);
  });

  it("says which fields and lines need a person: unsure, named by a finding, or required and empty", () => {
    const extraction = invoice();
    extraction.fields.vendorName = { value: "ACME", confidence: 0.5, evidence: null };
    extraction.fields.documentNumber = { value: null, confidence: 0, evidence: null };
    const finding = {
      rule: "subtotal-mismatch" as const,
      severity: "error" as const,
      message: "m",
      fields: ["lines[1].amountMinor", "subtotalMinor"],
    };
    const { fields, lines } = workspaceOf(extraction, text, [finding]);
    const needs = Object.fromEntries(fields.map((f) => [f.name, f.needsPerson]));
    expect(needs).toMatchObject({ vendorName: true, documentNumber: true, subtotalMinor: true, poNumber: false });
    expect(lines.map((l) => l.needsPerson)).toEqual([false, true]);
  });

  it("shows a person's mark instead of the confidence on what they typed, header field and line cell alike", () => {
    const ann = { by: "Ann", was: "€27.00" };
    const { fields, lines } = workspaceOf(invoice(), text, [], { totalMinor: ann, "lines[1].amountMinor": ann });
    expect(fields.find((f) => f.name === "totalMinor")?.edited).toEqual(ann);
    expect(fields.find((f) => f.name === "dueDate")?.edited).toBeNull();
    expect(lines.map((l) => l.edited)).toEqual([{}, { amountMinor: ann }]);
  });

  it("names where the text came from, or that there is none", () => {
    expect(sourceLabel(text)).toBe("plain text");
    expect(sourceLabel(undefined)).toBe("no text");
  });
});
