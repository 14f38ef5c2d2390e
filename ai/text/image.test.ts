import { createCanvas } from "@napi-rs/canvas";
import { afterAll, describe, expect, it } from "vitest";

import { exifOrientation, ocrReadyImage, uprightImage } from "./image";
import { ocrImage, terminateOcrWorker } from "./ocr";

afterAll(terminateOcrWorker);

/** What a phone stores: the pixels turned a quarter anticlockwise and an EXIF tag saying "rotate 90° clockwise". */
function sidewaysPhotoJpeg(text: string): Uint8Array {
  const upright = createCanvas(700, 160);
  const context = upright.getContext("2d");
  context.fillStyle = "white";
  context.fillRect(0, 0, 700, 160);
  context.fillStyle = "black";
  context.font = "56px sans-serif";
  context.fillText(text, 20, 100);
  const stored = createCanvas(160, 700);
  const storedContext = stored.getContext("2d");
  storedContext.translate(0, 700);
  storedContext.rotate(-Math.PI / 2);
  storedContext.drawImage(upright, 0, 0);
  const jpeg = stored.toBuffer("image/jpeg");
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
  const app1 = [0xff, 0xe1, 0, 2 + 6 + tiff.length, 0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  return new Uint8Array([0xff, 0xd8, ...app1, ...jpeg.subarray(2)]);
}

describe("uprightImage", () => {
  it("reads the EXIF orientation of a JPEG", () => {
    expect(exifOrientation(sidewaysPhotoJpeg("X"))).toBe(6);
    expect(exifOrientation(createCanvas(10, 10).toBuffer("image/jpeg"))).toBe(1);
  });

  it("turns a sideways phone photo upright so OCR can read it", async () => {
    const upright = await uprightImage(sidewaysPhotoJpeg("INVOICE 4471"));
    expect(upright).toMatchObject({ width: 700, height: 160, rotated: true });
    expect((await ocrImage(upright.image)).text).toBe("INVOICE 4471");
  }, 60_000);

  it("leaves an upright image alone", async () => {
    const png = new Uint8Array(createCanvas(30, 20).toBuffer("image/png"));
    expect(await uprightImage(png)).toEqual({ image: png, width: 30, height: 20, rotated: false });
  });
});

describe("ocrReadyImage", () => {
  it("hands OCR a sideways photo upright, as grey pixels it reads without decoding", async () => {
    const ready = await ocrReadyImage(sidewaysPhotoJpeg("INVOICE 4471"));
    expect(ready).toMatchObject({ width: 700, height: 160, rotated: true, scale: 1 });
    expect(new TextDecoder().decode(ready.image.subarray(0, 2))).toBe("P5");
    expect((await ocrImage(ready.image)).text).toBe("INVOICE 4471");
  }, 60_000);

  it("hands over an upright image whose text is small enough as it was uploaded", async () => {
    const png = new Uint8Array(createCanvas(30, 20).toBuffer("image/png"));
    expect(await ocrReadyImage(png)).toEqual({ image: png, width: 30, height: 20, rotated: false, scale: 1 });
  });
});
