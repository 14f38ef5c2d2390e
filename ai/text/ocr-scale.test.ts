import { describe, expect, it } from "vitest";

import { medianLineHeight, ocrScaleFor, targetLineHeightPx } from "./ocr-scale";

/** White paper with black bars where lines of text would be, `lineHeight` tall and as far apart. */
function page(width: number, height: number, lineHeight: number, shade = 0): Uint8Array {
  const gray = new Uint8Array(width * height).fill(250);
  for (let top = lineHeight; top + lineHeight < height; top += lineHeight * 2) {
    for (let y = top; y < top + lineHeight; y++) {
      // Words, not solid bars: every third pixel in from the margins is ink.
      for (let x = Math.floor(width * 0.1); x < width * 0.9; x += 3) gray[y * width + x] = shade;
    }
  }
  return gray;
}

describe("medianLineHeight", () => {
  it("measures the lines of text", () => {
    expect(medianLineHeight(page(800, 1000, 30), 800, 1000)).toBe(30);
    expect(medianLineHeight(page(800, 1000, 72), 800, 1000)).toBe(72);
  });

  it("reads lines printed in grey on darker paper", () => {
    const gray = page(800, 1000, 40, 90).map((value) => (value === 250 ? 190 : value));
    expect(medianLineHeight(gray, 800, 1000)).toBe(40);
  });

  it("sees no lines on a blank page, nor in a page of noise-free shade", () => {
    expect(medianLineHeight(new Uint8Array(400 * 400).fill(255), 400, 400)).toBeNull();
    expect(medianLineHeight(new Uint8Array(400 * 400).fill(30), 400, 400)).toBeNull();
  });

  it("ignores rules and specks thinner than a line of text", () => {
    const gray = page(800, 1000, 2);
    expect(medianLineHeight(gray, 800, 1000)).toBeNull();
  });
});

describe("ocrScaleFor", () => {
  it("shrinks tall text to the height OCR reads best", () => {
    expect(ocrScaleFor(targetLineHeightPx * 2)).toBe(0.5);
  });

  it("never enlarges small text, nor an image whose text it could not measure", () => {
    expect(ocrScaleFor(12)).toBe(1);
    expect(ocrScaleFor(targetLineHeightPx)).toBe(1);
    expect(ocrScaleFor(null)).toBe(1);
  });
});
