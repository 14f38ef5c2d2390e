import { describe, expect, it } from "vitest";
import {
  extractionFieldNames,
  extractionFieldSpecs,
  fieldKind,
  fieldLabel,
  headerFieldNames,
  headerFieldsOfKind,
  isExtractionFieldName,
  lineFieldLabel,
  lineFieldNames,
  lineFieldSpecs,
  lineFieldsOfKind,
} from "./fields";

describe("extraction fields", () => {
  it("lists every field that has a spec, once, header fields first and lines last", () => {
    expect([...extractionFieldNames].sort()).toEqual(Object.keys(extractionFieldSpecs).sort());
    expect(new Set(extractionFieldNames).size).toBe(extractionFieldNames.length);
    expect(extractionFieldNames.at(-1)).toBe("lines");
    expect(headerFieldNames).not.toContain("lines");
  });

  it("lists every line field that has a spec", () => {
    expect([...lineFieldNames].sort()).toEqual(Object.keys(lineFieldSpecs).sort());
  });

  it("calls a document's number what its class calls it", () => {
    expect(fieldLabel("documentNumber", "invoice")).toBe("invoice number");
    expect(fieldLabel("documentNumber", "purchase_order")).toBe("PO number");
    expect(fieldLabel("documentNumber", "quote")).toBe("document number");
    expect(fieldLabel("documentClass", null)).toBe("document type");
    expect(lineFieldLabel("unitPriceMinor")).toBe("unit price");
  });

  it("gives amounts, dates and the currency their kinds", () => {
    expect(fieldKind("totalMinor")).toBe("money");
    expect(fieldKind("dueDate")).toBe("date");
    expect(fieldKind("currency")).toBe("currency");
    expect(fieldKind("vendorName")).toBe("text");
  });

  it("recognises field names and nothing else", () => {
    expect(isExtractionFieldName("poNumber")).toBe(true);
    expect(isExtractionFieldName("documentClass")).toBe(false);
    expect(isExtractionFieldName("toString")).toBe(false);
  });
});

describe("fields of a kind", () => {
  it("lists the header fields of a kind in reading order", () => {
    expect(headerFieldsOfKind("money")).toEqual(["subtotalMinor", "taxMinor", "totalMinor"]);
    expect(headerFieldsOfKind("date")).toEqual(["issueDate", "dueDate"]);
  });

  it("lists the line fields of a kind", () => {
    expect(lineFieldsOfKind("money")).toEqual(["unitPriceMinor", "amountMinor"]);
  });
});
