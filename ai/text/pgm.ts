import type { Canvas } from "@napi-rs/canvas";

import { toGray } from "./ocr-scale";

/**
 * The canvas as an 8-bit grey PGM, which Tesseract's Leptonica reads without decompressing: encoding a PNG here
 * and decoding it again in WebAssembly cost more than OCR's own binarisation, which works in grey anyway.
 */
export function grayPgm(canvas: Canvas): Uint8Array {
  const gray = toGray(canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data);
  const header = new TextEncoder().encode(`P5\n${String(canvas.width)} ${String(canvas.height)}\n255\n`);
  const image = new Uint8Array(header.length + gray.length);
  image.set(header);
  image.set(gray, header.length);
  return image;
}
