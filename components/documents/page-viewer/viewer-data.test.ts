import { describe, expect, it } from "vitest";
import type { ExtractedText } from "@/domain/documents/types";
import { viewerBoxes, viewerPages } from "./viewer-data";

const scanned: ExtractedText = {
  source: "ocr",
  warnings: [],
  pages: [
    {
      page: 1,
      text: "Total 120.00",
      width: 1000,
      height: 1400,
      spans: [{ text: "120.00", start: 6, end: 12, box: { x: 500, y: 700, width: 100, height: 28 } }],
    },
  ],
};

describe("viewerPages", () => {
  it("shows a PDF's pages at their sizes, and assumes A4 where the text gives none", () => {
    const text: ExtractedText = {
      source: "pdf-text",
      warnings: [],
      pages: [
        { page: 1, text: "", spans: [], width: 612, height: 792 },
        { page: 2, text: "", spans: [] },
      ],
    };
    expect(viewerPages("pdf", text)).toEqual([
      { page: 1, width: 612, height: 792 },
      { page: 2, width: 595, height: 842 },
    ]);
    expect(viewerPages("pdf", undefined)).toEqual([{ page: 1, width: 595, height: 842 }]);
  });

  it("shows a scan as its one page in pixels, and no pages for kinds that have none", () => {
    expect(viewerPages("png", scanned)).toEqual([{ page: 1, width: 1000, height: 1400 }]);
    expect(viewerPages("csv", scanned)).toBeNull();
    expect(viewerPages("eml", undefined)).toBeNull();
  });
});

describe("viewerBoxes", () => {
  it("boxes a scan's OCR words in pixels as fractions of the image, and skips fields read from nowhere", () => {
    const evidence = { page: 1, start: 6, end: 12, text: "120.00" };
    expect(
      viewerBoxes(
        [
          { field: "totalMinor", label: "Total", confidence: 0.9, evidence },
          { field: "dueDate", label: "Due date", confidence: 0, evidence: null },
        ],
        scanned,
      ),
    ).toEqual([
      {
        field: "totalMinor",
        label: "Total",
        confidence: 0.9,
        page: 1,
        box: { x: 0.5, y: 0.5, width: 0.1, height: 0.02 },
      },
    ]);
  });
});
