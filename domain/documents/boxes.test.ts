import { describe, expect, it } from "vitest";
import { boxesOf, evidenceBoxes, withEvidenceBoxes } from "./boxes";
import type { Extraction, Field, TextPage } from "./types";

// "Total 120.00\nDue 2026-01-31": each word placed on a 200 × 100 page.
const page: TextPage = {
  page: 1,
  text: "Total 120.00\nDue 2026-01-31",
  width: 200,
  height: 100,
  spans: [
    { text: "Total", start: 0, end: 5, box: { x: 10, y: 10, width: 50, height: 10 } },
    { text: "120.00", start: 6, end: 12, box: { x: 70, y: 10, width: 60, height: 10 } },
    { text: "Due", start: 13, end: 16, box: { x: 10, y: 30, width: 30, height: 10 } },
    { text: "2026-01-31", start: 17, end: 27, box: { x: 50, y: 32, width: 100, height: 10 } },
  ],
};

const none: Field<never> = { value: null, confidence: 0, evidence: null };

describe("evidenceBoxes", () => {
  it("outlines one word as a fraction of the page", () => {
    expect(evidenceBoxes(page, { start: 6, end: 12 })).toEqual([{ x: 0.35, y: 0.1, width: 0.3, height: 0.1 }]);
  });

  it("joins the words of one line into one box", () => {
    expect(evidenceBoxes(page, { start: 0, end: 12 })).toEqual([{ x: 0.05, y: 0.1, width: 0.6, height: 0.1 }]);
  });

  it("gives one box per line when the range spans lines, words slightly off the baseline included", () => {
    expect(evidenceBoxes(page, { start: 6, end: 27 })).toEqual([
      { x: 0.35, y: 0.1, width: 0.3, height: 0.1 },
      { x: 0.05, y: 0.3, width: 0.7, height: 0.12 },
    ]);
  });

  it("takes only the characters covered from a word the range cuts", () => {
    // "2026" of "2026-01-31": 4 of 10 characters, each 10 points wide.
    expect(evidenceBoxes(page, { start: 17, end: 21 })).toEqual([{ x: 0.25, y: 0.32, width: 0.2, height: 0.1 }]);
  });

  it("has nothing to outline without positions or a page size", () => {
    expect(evidenceBoxes({ ...page, spans: page.spans.map(({ box: _box, ...s }) => s) }, { start: 0, end: 5 })).toEqual(
      [],
    );
    expect(evidenceBoxes({ ...page, width: undefined }, { start: 0, end: 5 })).toEqual([]);
    expect(evidenceBoxes(page, { start: 5, end: 5 })).toEqual([]);
  });

  it("keeps a box that runs off the page inside it", () => {
    const off: TextPage = {
      ...page,
      spans: [{ text: "x", start: 0, end: 1, box: { x: 190, y: 95, width: 40, height: 20 } }],
    };
    expect(evidenceBoxes(off, { start: 0, end: 1 })).toEqual([{ x: 0.95, y: 0.95, width: 0.05, height: 0.05 }]);
  });
});

describe("storing and reading boxes", () => {
  const total: Field<number> = {
    value: 12000,
    confidence: 0.9,
    evidence: { page: 1, start: 6, end: 12, text: "120.00" },
  };
  const extraction = {
    documentClass: { value: "invoice", confidence: 0.9, evidence: { page: 2, start: 0, end: 3, text: "INV" } },
    fields: {
      vendorName: none,
      totalMinor: total,
      lines: [{ description: none, quantity: none, unitPriceMinor: none, amountMinor: total }],
    },
    provider: "deterministic",
    promptVersion: null,
  } as unknown as Extraction;

  it("outlines every field's evidence, line items too, and leaves fields without evidence alone", () => {
    const boxed = withEvidenceBoxes(extraction, { source: "pdf-text", pages: [page], warnings: [] });
    const box = [{ x: 0.35, y: 0.1, width: 0.3, height: 0.1 }];
    expect(boxed.fields.totalMinor.evidence?.boxes).toEqual(box);
    expect(boxed.fields.lines[0]?.amountMinor.evidence?.boxes).toEqual(box);
    expect(boxed.fields.vendorName).toBe(none);
    // Evidence on a page the text does not have is stored as having no boxes, not recomputed on every view.
    expect(boxed.documentClass.evidence?.boxes).toEqual([]);
  });

  it("reads stored boxes as they are and computes them for an extraction stored without", () => {
    const stored = { page: 1, start: 0, end: 5, text: "Total", boxes: [{ x: 0, y: 0, width: 1, height: 1 }] };
    expect(boxesOf(stored, undefined)).toEqual(stored.boxes);
    const { boxes: _boxes, ...older } = stored;
    expect(boxesOf(older, { source: "pdf-text", pages: [page], warnings: [] })).toEqual([
      { x: 0.05, y: 0.1, width: 0.25, height: 0.1 },
    ]);
    expect(boxesOf(older, undefined)).toEqual([]);
  });
});
