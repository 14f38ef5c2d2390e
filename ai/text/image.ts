import { createCanvas, loadImage } from "@napi-rs/canvas";

import { IntakeError } from "@/intake/errors";
import { imageSize } from "@/intake/image-size";

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
 * Makes a photo upright before OCR, which reads rotated text as noise: a JPEG with an EXIF orientation is
 * redrawn (as PNG) the way a browser shows it, so word boxes match what a person sees.
 */
export async function uprightImage(bytes: Uint8Array): Promise<UprightImage> {
  const size = imageSize(bytes);
  if (!size)
    throw new IntakeError(
      "unreadable",
      "The image is damaged or cut off. Save it again as PNG or JPEG and upload it again.",
    );
  const orientation = exifOrientation(bytes);
  if (orientation === 1) return { image: bytes, ...size, rotated: false };
  const source = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).catch(
    (error: unknown) => {
      throw new IntakeError(
        "unreadable",
        "The image could not be read. Save it again as PNG or JPEG and upload it again.",
        { reason: String(error) },
      );
    },
  );
  const { width, height } = source;
  // Skia applies the EXIF orientation while decoding (seen as swapped sides for 5–8, which is all a test can see);
  // only a decoder that did not gets the transform, so the image is never turned twice.
  const swaps = orientation >= 5;
  const decoderApplied = !swaps || (width === size.height && height === size.width);
  const canvas = swaps && !decoderApplied ? createCanvas(height, width) : createCanvas(width, height);
  const context = canvas.getContext("2d");
  const transforms: Record<number, [number, number, number, number, number, number]> = {
    5: [0, 1, 1, 0, 0, 0],
    6: [0, 1, -1, 0, height, 0],
    7: [0, -1, -1, 0, height, width],
    8: [0, -1, 1, 0, 0, width],
  };
  const [a, b, c, d, e, f] = (decoderApplied ? undefined : transforms[orientation]) ?? [1, 0, 0, 1, 0, 0];
  context.setTransform(a, b, c, d, e, f);
  context.drawImage(source, 0, 0);
  return {
    image: new Uint8Array(await canvas.encode("png")),
    width: canvas.width,
    height: canvas.height,
    rotated: true,
  };
}
