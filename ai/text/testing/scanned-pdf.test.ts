import { PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";

import { makeScannedPdf } from "./scanned-pdf";

describe("makeScannedPdf", () => {
  it("writes a PDF whose pages are JPEGs only, the same bytes for the same options", async () => {
    const pdf = await makeScannedPdf({ pages: 2, width: 600, seed: 3 });
    expect(Buffer.from(await makeScannedPdf({ pages: 2, width: 600, seed: 3 })).equals(Buffer.from(pdf))).toBe(true);
    const document = await PDFDocument.load(pdf);
    expect(document.getPageCount()).toBe(2);
    const images = document.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFRawStream => object instanceof PDFRawStream)
      .filter((stream) => stream.dict.get(PDFName.of("Subtype")) === PDFName.of("Image"));
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.dict.get(PDFName.of("Filter"))).toBe(PDFName.of("DCTDecode"));
      expect([...image.contents.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    }
  });

  it("adds scanner grain until the file is near the size asked for", async () => {
    const targetBytes = 600_000;
    const pdf = await makeScannedPdf({ pages: 1, width: 800, targetBytes });
    expect(Math.abs(pdf.length - targetBytes)).toBeLessThan(targetBytes * 0.1);
  }, 60_000);

  it("refuses a page count it cannot draw", async () => {
    await expect(makeScannedPdf({ pages: 0 })).rejects.toThrow("makeScannedPdf needs pages ≥ 1.");
  });
});
