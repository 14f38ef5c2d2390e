import { describe, expect, it } from "vitest";

import { extractPlainText } from "./text";

describe("extractPlainText", () => {
  it("reads UTF-8 and normalises line endings", () => {
    const result = extractPlainText(new TextEncoder().encode("Invoice 1001\r\nTotal 12,00 €\r\n"));
    expect(result).toEqual({
      source: "text",
      pages: [{ page: 1, text: "Invoice 1001\nTotal 12,00 €", spans: [] }],
      warnings: [],
    });
  });

  it("reads UTF-16 with a BOM", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from("Rechnung für Müller", "utf16le")]);
    expect(extractPlainText(bytes).pages[0]?.text).toBe("Rechnung für Müller");
  });

  it("reads UTF-16 big-endian with a BOM", () => {
    const le = Buffer.from("Total 12.00", "utf16le");
    const be = Buffer.from(le).swap16();
    expect(extractPlainText(new Uint8Array([0xfe, 0xff, ...be])).pages[0]?.text).toBe("Total 12.00");
  });

  it("reads Latin-1 and warns that it guessed", () => {
    const result = extractPlainText(new Uint8Array(Buffer.from("Straße 5, Köln", "latin1")));
    expect(result.pages[0]?.text).toBe("Straße 5, Köln");
    expect(result.warnings).toHaveLength(1);
  });

  it("starts a new page at each form feed", () => {
    expect(extractPlainText(new TextEncoder().encode("page one\n\fpage two")).pages.map((page) => page.text)).toEqual([
      "page one",
      "page two",
    ]);
  });
});
