/**
 * Tesseract's LSTM reads each line scaled to a fixed height of about three dozen pixels, so a line drawn taller
 * (a phone photo's often is twice that) only costs layout analysis time on pixels that add no accuracy. The
 * height is the line's ink, ascenders to descenders: about 10 pt text at 250 dpi.
 */
export const targetLineHeightPx = 36;
/** Shorter runs of dark rows are rules, dots and noise rather than lines of text. */
const minLineHeightPx = 6;
const strips = 8;

/**
 * The median height of the text lines in a grayscale image (one byte a pixel, row by row), or null when none is
 * seen: per vertical strip, a row holds ink when enough of it is clearly darker than the strip's paper, and each
 * unbroken run of such rows is one line.
 */
export function medianLineHeight(gray: Uint8Array, width: number, height: number): number | null {
  const heights: number[] = [];
  const stripWidth = Math.max(1, Math.floor(width / strips));
  for (let left = 0; left + stripWidth <= width; left += stripWidth) {
    const threshold = paperLevel(gray, width, height, left, stripWidth) * 0.7;
    const minInk = Math.max(1, Math.floor(stripWidth / 100));
    const maxInk = Math.floor(stripWidth * 0.6);
    let run = 0;
    for (let y = 0; y <= height; y++) {
      let ink = 0;
      if (y < height) {
        const row = y * width + left;
        for (let x = row; x < row + stripWidth; x++) if ((gray[x] ?? 255) < threshold) ink++;
      }
      if (ink >= minInk && ink <= maxInk) {
        run++;
        continue;
      }
      // A run that reaches the edge or fills a tenth of the page is a photo's border or a block of shade.
      if (run >= minLineHeightPx && run < height / 10) heights.push(run);
      run = 0;
    }
  }
  if (heights.length === 0) return null;
  heights.sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? null;
}

/** The strip's mean brightness: most of a page is paper, so ink sits well below it. */
function paperLevel(gray: Uint8Array, width: number, height: number, left: number, stripWidth: number): number {
  let sum = 0;
  // Every fourth row is plenty for a mean and keeps the estimate cheap on a 12-megapixel photo.
  let count = 0;
  for (let y = 0; y < height; y += 4) {
    const row = y * width + left;
    for (let x = row; x < row + stripWidth; x++) sum += gray[x] ?? 255;
    count += stripWidth;
  }
  return count === 0 ? 255 : sum / count;
}

/** How much to shrink an image whose lines are `lineHeight` pixels tall: never enlarged, since that adds nothing. */
export function ocrScaleFor(lineHeight: number | null): number {
  if (lineHeight === null || lineHeight <= targetLineHeightPx) return 1;
  return targetLineHeightPx / lineHeight;
}

/** RGBA pixels as one luminance byte each. */
export function toGray(rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
  const gray = new Uint8Array(rgba.length / 4);
  for (let i = 0, p = 0; i < gray.length; i++, p += 4)
    gray[i] = ((rgba[p] ?? 0) * 77 + (rgba[p + 1] ?? 0) * 150 + (rgba[p + 2] ?? 0) * 29) >> 8;
  return gray;
}
