import { describe, expect, it } from "vitest";

import { sanitizeFilename } from "./filename";

describe("sanitizeFilename", () => {
  it("strips directories from either kind of path", () => {
    expect(sanitizeFilename("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFilename("C:\\Users\\anna\\Invoice 4471.pdf")).toBe("Invoice 4471.pdf");
  });

  it("removes control characters", () => {
    expect(sanitizeFilename("inv\u0000oice\r\n.pdf")).toBe("invoice.pdf");
  });

  it("removes bidi overrides so the real extension shows", () => {
    expect(sanitizeFilename("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitizeFilename("\u2067report\u2069.pdf")).toBe("report.pdf");
  });

  it("prefixes Windows device names", () => {
    expect(sanitizeFilename("CON.pdf")).toBe("_CON.pdf");
    expect(sanitizeFilename("lpt1")).toBe("_lpt1");
  });

  it("replaces characters Windows forbids and trims dots and spaces", () => {
    expect(sanitizeFilename("  ..PO: 4471 <final>?.pdf. ")).toBe("PO_ 4471 _final__.pdf");
  });

  it("caps the length in UTF-8 bytes and keeps the extension", () => {
    const name = sanitizeFilename(`${"ü".repeat(300)}.xlsx`, { maxLength: 100 });
    expect(name.endsWith(".xlsx")).toBe(true);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(100);
  });

  it("never cuts an emoji in half", () => {
    const name = sanitizeFilename(`${"😀".repeat(60)}.pdf`, { maxLength: 50 });
    expect(name).toMatch(/^(😀)+\.pdf$/u);
  });

  it("falls back to a name when nothing is left", () => {
    expect(sanitizeFilename("")).toBe("document");
    expect(sanitizeFilename("../")).toBe("document");
    expect(sanitizeFilename(".pdf")).toBe("pdf");
    expect(sanitizeFilename("\u202e.pdf", { fallback: "upload" })).toBe("pdf");
  });
});
