import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { buildZip, xlsxLikeEntries } from "@/intake/testing/zip";

import { cellText, extractCsv, extractXlsx } from "./sheet";

const encode = (text: string) => new TextEncoder().encode(text);

async function purchaseOrderXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Empty");
  const sheet = workbook.addWorksheet("PO 4471");
  sheet.addRow(["Purchase order", null, "PO-4471"]);
  sheet.addRow(["Order date", null, new Date(Date.UTC(2024, 2, 15))]);
  sheet.addRow([]);
  sheet.addRow(["SKU", "Description", "Qty", "Unit price", "Amount"]);
  sheet.addRow(["HB-M8-40", "Hex bolts\nM8x40", 100, 0.45, { formula: "C5*D5", result: 45 }]);
  sheet.addRow(["WN-M8", "Washers M8", 200, 0.05, { formula: "C6*D6", result: 10 }]);
  sheet.getColumn(4).numFmt = "0.00";
  sheet.getColumn(5).numFmt = "#,##0.00";
  sheet.addRow(["Total", null, null, null, { formula: "SUM(E5:E6)", result: 55 }]);
  const hidden = workbook.addWorksheet("Secret");
  hidden.state = "hidden";
  hidden.addRow(["internal margin 40%"]);
  const notes = workbook.addWorksheet("Notes");
  notes.addRow(["Deliver to dock B"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("extractCsv", () => {
  it("turns a semicolon purchase order into lines with two spaces between cells", () => {
    const csv = encode(
      'PO number;PO-4471\nSKU;Description;Qty;Unit price\nHB-M8-40;"Hex bolts; M8";100;0,45\n\nTotal;;;45,00\n',
    );
    const { source, pages } = extractCsv(csv);
    expect(source).toBe("csv");
    expect(pages[0]?.text).toBe(
      "PO number  PO-4471\nSKU  Description  Qty  Unit price\nHB-M8-40  Hex bolts; M8  100  0,45\nTotal  45,00",
    );
    const span = pages[0]?.spans.find((s) => s.text === "PO-4471");
    expect(span && pages[0]?.text.slice(span.start, span.end)).toBe("PO-4471");
  });

  it("reads comma and tab delimited files and a UTF-8 BOM", () => {
    expect(extractCsv(encode("\ufeffsku,qty\nA-1,10\n")).pages[0]?.text).toBe("sku  qty\nA-1  10");
    expect(extractCsv(encode("sku\tqty\nA-1\t10\n")).pages[0]?.text).toBe("sku  qty\nA-1  10");
  });

  it("reads a Latin-1 file and says so", () => {
    const result = extractCsv(new Uint8Array(Buffer.from("Artikel;Menge\nSchraube für Müller;10\n", "latin1")));
    expect(result.pages[0]?.text).toContain("Schraube für Müller  10");
    expect(result.warnings).toContain("The file is not UTF-8; it was read as Windows-1252 (Latin-1).");
  });

  it("stops at the row limit with a warning", () => {
    const csv = encode(Array.from({ length: 50 }, (_, i) => `row${i},${i}`).join("\n"));
    const result = extractCsv(csv, { maxRows: 10 });
    expect(result.pages[0]?.text.split("\n")).toHaveLength(10);
    expect(result.warnings).toContain("Only the first 10 of 50 rows were read.");
  });
});

describe("extractXlsx", () => {
  it("makes a page of each visible sheet with content, formulas as results, dates as ISO", async () => {
    const { source, pages } = await extractXlsx(await purchaseOrderXlsx());
    expect(source).toBe("xlsx");
    expect(pages.map((page) => page.page)).toEqual([1, 2]);
    expect(pages[0]?.text).toBe(
      [
        "Purchase order  PO-4471",
        "Order date  2024-03-15",
        "SKU  Description  Qty  Unit price  Amount",
        "HB-M8-40  Hex bolts M8x40  100  0.45  45.00",
        "WN-M8  Washers M8  200  0.05  10.00",
        "Total  55.00",
      ].join("\n"),
    );
    expect(pages[1]?.text).toBe("Deliver to dock B");
  });

  it("reads only the first sheet with content when asked", async () => {
    const { pages } = await extractXlsx(await purchaseOrderXlsx(), { sheets: "first" });
    expect(pages).toHaveLength(1);
  });

  it("rejects a bomb-like XLSX before exceljs unpacks it", async () => {
    const bomb = buildZip(xlsxLikeEntries({ declaredSize: 0xfffffff0 }));
    await expect(extractXlsx(bomb)).rejects.toMatchObject({ reason: "decompression_bomb" });
  });

  it("rejects a cut-off XLSX as unreadable", async () => {
    const xlsx = await purchaseOrderXlsx();
    await expect(extractXlsx(xlsx.subarray(0, xlsx.length / 2))).rejects.toMatchObject({ reason: "unreadable" });
  });

  it("rejects an XLSX with a corrupted entry as unreadable", async () => {
    const xlsx = buildZip(xlsxLikeEntries({ data: "<worksheet>".repeat(100) }));
    const corrupted = xlsx.slice();
    corrupted.fill(0xff, 200, 230);
    await expect(extractXlsx(corrupted)).rejects.toMatchObject({ reason: "unreadable" });
  });

  it("returns no pages, with a warning, for a workbook without content", async () => {
    const result = await extractXlsx(buildZip(xlsxLikeEntries()));
    expect(result.pages).toEqual([]);
    expect(result.warnings).toEqual(["The spreadsheet has no visible sheet with content."]);
  });
});

describe("cellText", () => {
  it("shows values as a spreadsheet does", () => {
    expect(cellText(0.1 + 0.2)).toBe("0.3");
    expect(cellText(0.19, "0%")).toBe("19%");
    expect(cellText({ richText: [{ text: "Hex " }, { text: "bolts" }] })).toBe("Hex bolts");
    expect(cellText({ text: "portal", hyperlink: "https://vendor.test" })).toBe("portal");
    expect(cellText({ error: "#DIV/0!" })).toBe("#DIV/0!");
    expect(cellText(new Date(Date.UTC(2024, 0, 2, 13, 30)))).toBe("2024-01-02 13:30:00");
  });
});
