import { describe, expect, it } from "vitest";
import type { ExtractedText } from "./types";
import { sellerAddress } from "./seller-address";

const doc = (text: string): ExtractedText => ({ source: "text", pages: [{ page: 1, text, spans: [] }], warnings: [] });
const at = (text: string, name: string) => {
  const start = text.indexOf(name);
  return { page: 1, start, end: start + name.length, text: name };
};

describe("sellerAddress", () => {
  it("reads the lines under the letterhead name up to the contact lines", () => {
    const text = [
      "Shree Ganesh Textiles Private Limited",
      "Plot 22, MIDC Industrial Area, Bhiwandi",
      "Thane, Maharashtra 421302, India",
      "GSTIN: 27AAPFU0939F1ZV",
      "",
      "TAX INVOICE",
    ].join("\n");
    expect(sellerAddress(doc(text), at(text, "Shree Ganesh Textiles Private Limited"))).toBe(
      "Plot 22, MIDC Industrial Area, Bhiwandi, Thane, Maharashtra 421302, India",
    );
  });

  it("stays in the seller's column when the customer's block sits beside it", () => {
    const text = [
      "Bill To:                                  Nordlicht Elektro GmbH",
      "Northwind Traders LLC                     Am Hafen 12",
      "88 Harbor Street                          20457 Hamburg",
      "Seattle, WA 98101                         Tel. +49 40 123456",
    ].join("\n");
    expect(sellerAddress(doc(text), at(text, "Nordlicht Elektro GmbH"))).toBe("Am Hafen 12, 20457 Hamburg");
  });

  it("gives nothing when nothing names the seller or nothing follows its name", () => {
    const text = "Acme Supply Ltd\n\nINVOICE";
    expect(sellerAddress(doc(text), null)).toBe("");
    expect(sellerAddress(doc(text), at(text, "Acme Supply Ltd"))).toBe("");
    expect(sellerAddress(undefined, at(text, "Acme Supply Ltd"))).toBe("");
  });
});
