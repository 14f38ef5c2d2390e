import { describe, expect, it } from "vitest";
import { makeExtraction } from "../rules/test-factory";
import { applyValues, diffValues, editableFields, fieldKind, fieldValues, formatFieldValue, parseEdits } from "./edits";

const extraction = makeExtraction({ totalMinor: 2790, currency: "EUR", dueDate: null });
const proposed = fieldValues(extraction);

describe("parseEdits", () => {
  it("reads amounts in the decided currency, dates and text", () => {
    const parsed = parseEdits(proposed, { totalMinor: "1,234.50", dueDate: "2026-12-31", vendorName: "  ACME GmbH " });
    expect(parsed).toEqual({
      ok: true,
      values: { ...proposed, totalMinor: 123_450, dueDate: "2026-12-31", vendorName: "ACME GmbH" },
    });
  });

  it("reads an amount typed with a currency changed in the same edit", () => {
    const parsed = parseEdits(proposed, { currency: "jpy", totalMinor: "1500" });
    expect(parsed.ok && parsed.values).toMatchObject({ currency: "JPY", totalMinor: 1500 });
  });

  it("clears a field typed empty, but never the document type", () => {
    expect(parseEdits(proposed, { poNumber: "" })).toMatchObject({ ok: true, values: { poNumber: null } });
    expect(parseEdits(proposed, { documentClass: "" })).toEqual({
      ok: false,
      errors: { documentClass: "Choose what kind of document this is." },
    });
  });

  it("says per field what to type instead", () => {
    const parsed = parseEdits(proposed, {
      totalMinor: "12,34",
      dueDate: "31/12/2026",
      currency: "EURO",
      documentClass: "memo",
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.currency).toBe("Use a three-letter ISO currency code, such as EUR or USD.");
    expect(parsed.errors.dueDate).toBe("Type a date as YYYY-MM-DD, such as 2026-03-31.");
    expect(parsed.errors.documentClass).toMatch(/^Choose one of: purchase_order, invoice/);
    // With the currency unreadable, the amount cannot be read either.
    expect(parsed.errors.totalMinor).toBe("Set the currency first, so Keel knows how to read the amount.");
  });

  it("refuses impossible dates", () => {
    expect(parseEdits(proposed, { issueDate: "2026-02-30" }).ok).toBe(false);
  });
});

describe("diffValues", () => {
  it("lists only what changed, with both values", () => {
    const parsed = parseEdits(proposed, { totalMinor: "27.90", documentNumber: "INV-1002" });
    if (!parsed.ok) throw new Error("edits should parse");
    expect(diffValues(proposed, parsed.values, "invoice")).toEqual([
      { field: "documentNumber", label: "invoice number", proposed: "INV-1001", decided: "INV-1002" },
    ]);
  });
});

describe("applyValues", () => {
  it("gives corrected fields full confidence and no evidence, keeps the rest as read, names the person", () => {
    const decided = { ...proposed, totalMinor: 3000, documentClass: "purchase_order" };
    const next = applyValues(extraction, decided, "ana@example.com");
    expect(next.fields.totalMinor).toEqual({ value: 3000, confidence: 1, evidence: null });
    expect(next.documentClass).toEqual({ value: "purchase_order", confidence: 1, evidence: null });
    expect(next.fields.vendorName).toEqual(extraction.fields.vendorName);
    expect(next.fields.lines).toEqual(extraction.fields.lines);
    expect(next.provider).toBe("person:ana@example.com");
    expect(extraction.fields.totalMinor.value).toBe(2790);
  });
});

describe("formatFieldValue", () => {
  it("shows amounts as decimals in their currency", () => {
    expect(formatFieldValue("totalMinor", 123_450, "EUR")).toBe("1234.50");
    expect(formatFieldValue("totalMinor", 1500, "JPY")).toBe("1500");
    expect(formatFieldValue("dueDate", null, "EUR")).toBe("");
  });
});

describe("editableFields", () => {
  it("offers the document's class and its header fields in reading order, never its tax id or bank details", () => {
    expect(editableFields).toEqual([
      "documentClass",
      "vendorName",
      "documentNumber",
      "poNumber",
      "issueDate",
      "dueDate",
      "currency",
      "subtotalMinor",
      "taxMinor",
      "totalMinor",
      "paymentTerms",
    ]);
    expect(editableFields.map(fieldKind)).toEqual([
      "class",
      "text",
      "text",
      "text",
      "date",
      "date",
      "currency",
      "money",
      "money",
      "money",
      "text",
    ]);
  });
});
