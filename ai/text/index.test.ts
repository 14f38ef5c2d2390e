import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";

import { sniff } from "@/intake/sniff";

import { ocrReadyImage } from "./image";
import { extractText, terminateOcrWorker } from "./index";
import { invoiceLines, pdfWithRawText, textPdf, textPng } from "./testing/documents";
import { threadEml } from "./testing/email";

afterAll(terminateOcrWorker);

/** What the pipeline does: the kind from the bytes, then the text. */
async function read(bytes: Uint8Array) {
  return extractText(bytes, sniff(bytes).kind);
}

describe("extractText", () => {
  it("reads a PDF's text layer", async () => {
    const { text, attachments } = await read(
      await textPdf([[{ text: "Invoice INV-9 total 10.00 EUR", x: 50, y: 60 }]]),
    );
    expect(text.source).toBe("pdf-text");
    expect(text.pages[0]?.text).toBe("Invoice INV-9 total 10.00 EUR");
    expect(attachments).toEqual([]);
  });

  it("gives a PDF text layer's NUL and lone surrogate back as storable characters, at the same offsets", async () => {
    const { text } = await read(pdfWithRawText([String.raw`Rech\000nung \002 total`]));
    expect(text.pages[0]?.text).toBe("Rech nung \ufffd total");
    expect(text.pages[0]?.spans.map((s) => s.text)).toEqual(["Rech nung", "\ufffd", "total"]);
  });

  it("cleans NULs from a CSV as from every other source", async () => {
    const { text } = await extractText(new TextEncoder().encode("Invoice,Total\nA-1\u0000,10.00\n"), "csv");
    expect(JSON.stringify(text)).not.toContain("\\u0000");
  });

  it("reads a PNG invoice by OCR with the image's size", async () => {
    const { text } = await read(textPng(invoiceLines));
    expect(text.source).toBe("ocr");
    expect(text.pages[0]).toMatchObject({ page: 1, width: 1654, height: 2339 });
    expect(text.pages[0]?.text).toContain("INV-2024-0042");
  }, 60_000);

  it("reads a photo with tall text shrunk for OCR, its word boxes on the photo's own pixels", async () => {
    const photo = textPng(
      [
        { text: "Invoice number: INV-2024-0042", x: 300, y: 600, size: 130 },
        { text: "Total due: 1,234.56 EUR", x: 300, y: 900, size: 130 },
        { text: "Payment within thirty days", x: 300, y: 1200, size: 130 },
      ],
      3000,
      1500,
    );
    // Shrunk first: this is what makes a phone photo cost what a scan does.
    expect((await ocrReadyImage(photo)).scale).toBeLessThan(0.6);
    const { text } = await read(photo);
    const page = text.pages[0];
    expect(page).toMatchObject({ page: 1, width: 3000, height: 1500 });
    expect(page?.text).toContain("INV-2024-0042");
    const number = page?.spans.find((span) => span.text === "INV-2024-0042");
    // Drawn from x = 300 px at 130 px type: the number starts after "Invoice number: ", its baseline at 600 px.
    expect(number?.box?.x).toBeGreaterThan(1200);
    expect(number?.box?.y).toBeGreaterThan(450);
    expect(number?.box?.y).toBeLessThan(600);
    expect(number?.box?.height).toBeGreaterThan(70);
  }, 60_000);

  it("rejects an image whose pixel count is over the limit before decoding it", async () => {
    const header = textPng([], 10, 10).slice(0, 33);
    new DataView(header.buffer).setUint32(16, 40_000);
    new DataView(header.buffer).setUint32(20, 40_000);
    await expect(extractText(header, "png")).rejects.toMatchObject({ reason: "decompression_bomb" });
  });

  it("reads an email thread and hands back its PDF attachment, which sniffs as a PDF", async () => {
    const pdf = await textPdf([[{ text: "Purchase order PO-4471", x: 50, y: 60 }]]);
    const { text, attachments } = await read(threadEml(pdf, textPng([], 10, 10)));
    expect(text.source).toBe("email");
    expect(text.pages[0]?.text).toContain("PO-4471");
    expect(attachments.map((attachment) => sniff(attachment.bytes).kind)).toEqual(["pdf"]);
  });

  it("reads a CSV purchase order with a header block", async () => {
    const csv = new TextEncoder().encode(
      "PO number;PO-4471\nSKU;Description;Qty;Unit price\nHB-M8-40;Hex bolts;100;0,45\nWN-M8;Washers;200;0,05\nTotal;;;55,00\n",
    );
    const { text } = await read(csv);
    expect(text.source).toBe("csv");
    expect(text.pages[0]?.text.split("\n")).toEqual([
      "PO number  PO-4471",
      "SKU  Description  Qty  Unit price",
      "HB-M8-40  Hex bolts  100  0,45",
      "WN-M8  Washers  200  0,05",
      "Total  55,00",
    ]);
  });

  it("reads an XLSX", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Invoice").addRow(["Invoice number", "INV-2024-0042"]);
    const { text } = await read(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(text).toEqual({
      source: "xlsx",
      pages: [{ page: 1, text: "Invoice number  INV-2024-0042", spans: expect.any(Array) as unknown }],
      warnings: [],
    });
  });

  it("reads plain text", async () => {
    const { text } = await read(
      new TextEncoder().encode("Please update our bank details.\nIBAN: DE89 3704 0044 0532 0130 00\n"),
    );
    expect(text.source).toBe("text");
    expect(text.pages[0]?.text).toContain("IBAN: DE89 3704 0044 0532 0130 00");
  });
});
