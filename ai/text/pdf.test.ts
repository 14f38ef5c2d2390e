import { afterAll, describe, expect, it } from "vitest";

import { IntakeError } from "@/intake/errors";

import { terminateOcrWorker } from "./ocr";
import { extractPdf, ocrPdfPage, readPdfLayers } from "./pdf";
import { closeOpenPdf, pdfsParsed } from "./pdf-open";
import { renderPdfPage } from "./pdf-render";
import { invoiceLines, scannedPdf, textPdf, textPng } from "./testing/documents";

afterAll(async () => {
  await terminateOcrWorker();
  await closeOpenPdf();
});

describe("extractPdf", () => {
  it("reads the text layer page by page as pdf-text", async () => {
    const pdf = await textPdf([
      [{ text: "Purchase order PO-4471", x: 50, y: 60, size: 18 }],
      [{ text: "Page two says hello", x: 50, y: 60 }],
    ]);
    const result = await extractPdf(pdf);
    expect(result.source).toBe("pdf-text");
    expect(result.pages.map((page) => page.text)).toEqual(["Purchase order PO-4471", "Page two says hello"]);
    expect(result.pages[0]).toMatchObject({ page: 1, width: 595, height: 842 });
  });

  it("gives each word a box in PDF points from the top-left and offsets into the page text", async () => {
    const pdf = await textPdf([
      [
        { text: "Invoice number: INV-2024-0042", x: 50, y: 62, size: 14 },
        { text: "Total 1,234.56 EUR", x: 300, y: 142 },
      ],
    ]);
    const [page] = (await extractPdf(pdf)).pages;
    if (!page) throw new Error("no page");
    expect(page.text).toBe("Invoice number: INV-2024-0042\nTotal 1,234.56 EUR");
    const number = page.spans.find((span) => span.text === "INV-2024-0042");
    expect(number && page.text.slice(number.start, number.end)).toBe("INV-2024-0042");
    expect(number?.box?.x).toBeGreaterThan(140);
    expect(number?.box?.x).toBeLessThan(160);
    // Baseline at 62 pt from the top; the box spans the text above it.
    expect(number?.box?.y).toBeCloseTo(62 - 14 * 0.8, 1);
    expect(number?.box?.height).toBeCloseTo(14, 1);
    const total = page.spans.find((span) => span.text === "Total");
    expect(total?.box).toMatchObject({ x: 300, y: expect.closeTo(142 - 12 * 0.8, 1) as number });
  });

  it("keeps a label and its value on one line and splits columns with two spaces", async () => {
    const pdf = await textPdf([
      [
        { text: "Due date", x: 50, y: 100 },
        { text: "2024-04-14", x: 400, y: 100 },
        { text: "Payment terms", x: 50, y: 120 },
      ],
    ]);
    const [page] = (await extractPdf(pdf)).pages;
    expect(page?.text).toBe("Due date  2024-04-14\nPayment terms");
  });

  it("rejects a PDF over the page limit", async () => {
    const pdf = await textPdf([
      [{ text: "one page of enough text here", x: 50, y: 60 }],
      [{ text: "two", x: 50, y: 60 }],
    ]);
    await expect(extractPdf(pdf, { limits: { maxPdfPages: 1, maxImagePixels: 50_000_000 } })).rejects.toMatchObject({
      reason: "too_many_pages",
    });
  });

  it("rejects damaged bytes as unreadable", async () => {
    await expect(extractPdf(new TextEncoder().encode("%PDF-1.7\nthis is not a pdf at all"))).rejects.toBeInstanceOf(
      IntakeError,
    );
  });

  it("reads a scanned page by OCR with boxes in PDF points", async () => {
    const pdf = await scannedPdf(textPng(invoiceLines));
    const started = performance.now();
    const result = await extractPdf(pdf);
    console.info(`OCR of one scanned A4 page: ${Math.round(performance.now() - started)} ms (incl. worker start)`);
    expect(result.source).toBe("ocr");
    const [page] = result.pages;
    expect(page?.text).toContain("INV-2024-0042");
    expect(page?.text).toContain("1,234.56");
    expect(result.warnings).toContain("Page 1 had no text layer and was read by OCR.");
    const number = page?.spans.find((span) => span.text.includes("INV-2024-0042"));
    // Drawn at x = 120 px of a 1654 px wide image on a 595 pt page: about 43 pt in; "Invoice number: " comes first.
    expect(number?.box?.x).toBeGreaterThan(43);
    expect(number?.box?.x).toBeLessThan(595);
    expect(number?.box?.y).toBeGreaterThan(140);
    expect(number?.box?.y).toBeLessThan(165);
  }, 60_000);
});

describe("extractPdf OCR budget", () => {
  it("stops OCR after maxOcrPages and says which pages were not read", async () => {
    const png = textPng([{ text: "SCANNED PAGE", x: 100, y: 200, size: 60 }], 800, 1131);
    const { PDFDocument } = await import("pdf-lib");
    const doc = await PDFDocument.create();
    const source = await PDFDocument.load(await scannedPdf(png));
    for (let i = 0; i < 3; i++) {
      const [copy] = await doc.copyPages(source, [0]);
      if (copy) doc.addPage(copy);
    }
    const result = await extractPdf(await doc.save(), { maxOcrPages: 1 });
    expect(result.pages.map((page) => page.text)).toEqual(["SCANNED PAGE", "", ""]);
    expect(result.warnings).toContain("Pages 2, 3 had no text layer and were not read: OCR stops after 1 page.");
  }, 60_000);
});

describe("a PDF read in several jobs", () => {
  it("is parsed once for its text layers, its OCR and the viewer's page", async () => {
    const pdf = await scannedPdf(textPng([{ text: "KEPT OPEN 42", x: 100, y: 200, size: 60 }], 800, 1131));
    const before = pdfsParsed();
    const { pages } = await readPdfLayers(pdf);
    const layer = pages[0]?.layer;
    if (!layer) throw new Error("no page");
    expect((await ocrPdfPage(pdf, layer)).page.text).toBe("KEPT OPEN 42");
    expect((await renderPdfPage(pdf, 1)).png?.byteLength).toBeGreaterThan(1000);
    expect(pdfsParsed() - before).toBe(1);
  }, 60_000);

  it("is parsed again under other limits, and after another PDF", async () => {
    const one = await textPdf([[{ text: "first", x: 50, y: 60 }]]);
    const two = await textPdf([[{ text: "second", x: 50, y: 60 }]]);
    const before = pdfsParsed();
    await readPdfLayers(one);
    await readPdfLayers(one, { limits: { maxPdfPages: 3 } });
    await readPdfLayers(two);
    expect((await readPdfLayers(one)).pages[0]?.layer.text).toBe("first");
    expect(pdfsParsed() - before).toBe(4);
  });
});
