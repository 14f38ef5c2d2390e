import { createCanvas, loadImage, type Canvas, type Image } from "@napi-rs/canvas";

import { IntakeError } from "@/intake/errors";
import { imageSize } from "@/intake/image-size";

import { medianLineHeight, ocrScaleFor, toGray } from "./ocr-scale";
import { grayPgm } from "./pgm";

/**
 * The EXIF orientation of a JPEG (1–8; 1 is upright), as phones write it instead of rotating the pixels.
 * Only IFD0 of the first APP1 "Exif" segment is read.
 */
export function exifOrientation(jpeg: Uint8Array): number {
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return 1;
  let at = 2;
  while (at + 4 <= view.byteLength) {
    const marker = view.getUint16(at);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return 1;
    const length = view.getUint16(at + 2);
    if (marker === 0xffe1 && at + 10 <= view.byteLength && view.getUint32(at + 4) === 0x45786966)
      return readOrientation(view, at + 10, at + 2 + length);
    at += 2 + length;
  }
  return 1;
}

function readOrientation(view: DataView, tiff: number, end: number): number {
  if (tiff + 8 > end || end > view.byteLength) return 1;
  const little = view.getUint16(tiff) === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

export type UprightImage = { image: Uint8Array; width: number; height: number; rotated: boolean };

/**
 * An image as OCR should read it: upright, and shrunk by `scale` (≤ 1) from `width` × `height`, its upright size;
 * the bytes as uploaded when neither was needed, else a grey PGM.
 */
export type OcrReadyImage = UprightImage & { scale: number };

/** Text height is measured on a copy about this long, enough to tell a 20-pixel line from a 60-pixel one. */
const analysisLongSide = 2000;

/**
 * Makes a photo upright before OCR, which reads rotated text as noise: a JPEG with an EXIF orientation is
 * redrawn (as PNG) the way a browser shows it, so word boxes match what a person sees.
 */
export async function uprightImage(bytes: Uint8Array): Promise<UprightImage> {
  const orientation = exifOrientation(bytes);
  const size = sizeOf(bytes);
  if (orientation === 1) return { image: bytes, ...size, rotated: false };
  const plan = uprightPlan(await decode(bytes), orientation, size);
  const canvas = draw(plan, 1);
  return { image: new Uint8Array(await canvas.encode("png")), ...plan.size, rotated: true };
}

/**
 * `uprightImage`, then shrunk to the resolution OCR reads best at when its lines of text are taller than that
 * (`ocr-scale.ts`), so a 12-megapixel phone photo costs what a 300 dpi scan does. Word boxes OCR finds are in the
 * shrunk image: divide them by `scale` to place them on the original.
 */
export async function ocrReadyImage(bytes: Uint8Array): Promise<OcrReadyImage> {
  const orientation = exifOrientation(bytes);
  const size = sizeOf(bytes);
  const plan = uprightPlan(await decode(bytes), orientation, size);
  const analysis = Math.min(1, analysisLongSide / Math.max(plan.size.width, plan.size.height));
  const small = draw(plan, analysis);
  const pixels = small.getContext("2d").getImageData(0, 0, small.width, small.height).data;
  const line = medianLineHeight(toGray(pixels), small.width, small.height);
  const scale = ocrScaleFor(line === null ? null : line / analysis);
  if (scale === 1 && orientation === 1) return { image: bytes, ...plan.size, rotated: false, scale: 1 };
  const canvas = draw(plan, scale);
  return { image: grayPgm(canvas), ...plan.size, rotated: orientation !== 1, scale: canvas.width / plan.size.width };
}

function sizeOf(bytes: Uint8Array): { width: number; height: number } {
  const size = imageSize(bytes);
  if (!size)
    throw new IntakeError(
      "unreadable",
      "The image is damaged or cut off. Save it again as PNG or JPEG and upload it again.",
    );
  return size;
}

function decode(bytes: Uint8Array): Promise<Image> {
  return loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch((error: unknown) => {
    throw new IntakeError(
      "unreadable",
      "The image could not be read. Save it again as PNG or JPEG and upload it again.",
      { reason: String(error) },
    );
  });
}

type Matrix = [number, number, number, number, number, number];
type DrawPlan = { source: Image; size: { width: number; height: number }; matrix: Matrix };

function uprightPlan(source: Image, orientation: number, stored: { width: number; height: number }): DrawPlan {
  const { width, height } = source;
  // Skia applies the EXIF orientation while decoding (seen as swapped sides for 5–8, which is all a test can see);
  // only a decoder that did not gets the transform, so the image is never turned twice.
  const swaps = orientation >= 5;
  const decoderApplied = !swaps || (width === stored.height && height === stored.width);
  const transforms: Record<number, Matrix> = {
    5: [0, 1, 1, 0, 0, 0],
    6: [0, 1, -1, 0, height, 0],
    7: [0, -1, -1, 0, height, width],
    8: [0, -1, 1, 0, 0, width],
  };
  const matrix = (decoderApplied ? undefined : transforms[orientation]) ?? [1, 0, 0, 1, 0, 0];
  const size = swaps && !decoderApplied ? { width: height, height: width } : { width, height };
  return { source, size, matrix };
}

function draw(plan: DrawPlan, scale: number): Canvas {
  const canvas = createCanvas(
    Math.max(1, Math.round(plan.size.width * scale)),
    Math.max(1, Math.round(plan.size.height * scale)),
  );
  const context = canvas.getContext("2d");
  context.imageSmoothingQuality = "high";
  const [a, b, c, d, e, f] = plan.matrix.map((value) => value * scale) as Matrix;
  context.setTransform(a, b, c, d, e, f);
  context.drawImage(plan.source, 0, 0);
  return canvas;
}
