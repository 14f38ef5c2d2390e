import { afterAll, describe, expect, it } from "vitest";

import { ocrImage, ocrPoolState, setOcrWorkers, terminateOcrWorker } from "./ocr";
import { invoiceLines, textPng } from "./testing/documents";

afterAll(terminateOcrWorker);

describe("ocrImage", () => {
  it("reads a PNG invoice into words with pixel boxes and offsets", async () => {
    const png = textPng(invoiceLines);
    const started = performance.now();
    const result = await ocrImage(png);
    console.info(`OCR of a 1654 × 2339 PNG: ${Math.round(performance.now() - started)} ms (incl. worker start)`);
    expect(result.text).toContain("Invoice number: INV-2024-0042");
    expect(result.text).toContain("Total due: 1,234.56 EUR");
    expect(result).toMatchObject({ width: 1654, height: 2339 });
    expect(result.confidence).toBeGreaterThan(0.8);
    const number = result.spans.find((span) => span.text === "INV-2024-0042");
    expect(number && result.text.slice(number.start, number.end)).toBe("INV-2024-0042");
    // Drawn at x = 120 px, baseline 440 px, 36 px type: the value starts after "Invoice number: ".
    expect(number?.box?.x).toBeGreaterThan(300);
    expect(number?.box?.y).toBeGreaterThan(400);
    expect(number?.box?.y).toBeLessThan(440);
  }, 60_000);

  it("reuses the worker: a second image is faster than the first", async () => {
    const started = performance.now();
    const result = await ocrImage(textPng([{ text: "PO 4471", x: 50, y: 80, size: 48 }], 600, 120));
    console.info(`OCR of a small PNG with a warm worker: ${Math.round(performance.now() - started)} ms`);
    expect(result.text).toBe("PO 4471");
  }, 30_000);

  it("reads concurrent requests side by side, each with its own result", async () => {
    setOcrWorkers(2);
    try {
      const reads = Promise.all([
        ocrImage(textPng([{ text: "ALPHA 111", x: 50, y: 80, size: 48 }], 600, 120)),
        ocrImage(textPng([{ text: "BRAVO 222", x: 50, y: 80, size: 48 }], 600, 120)),
        ocrImage(textPng([{ text: "CHARLIE 333", x: 50, y: 80, size: 48 }], 600, 120)),
      ]);
      // Two read at once and the third waits: never more workers than the pool's size.
      let most = 0;
      const sampler = setInterval(() => (most = Math.max(most, ocrPoolState().busy)), 2);
      const texts = (await reads).map((read) => read.text);
      clearInterval(sampler);
      expect(most).toBe(2);
      expect(texts).toEqual(["ALPHA 111", "BRAVO 222", "CHARLIE 333"]);
      expect(ocrPoolState()).toEqual({ workers: 2, busy: 0 });
    } finally {
      setOcrWorkers(null);
    }
  }, 60_000);

  it("times out, and the next request starts a fresh worker", async () => {
    await expect(ocrImage(textPng(invoiceLines), { timeoutMs: 1 })).rejects.toMatchObject({ name: "TimeoutError" });
    const result = await ocrImage(textPng([{ text: "AFTER 333", x: 50, y: 80, size: 48 }], 600, 120));
    expect(result.text).toBe("AFTER 333");
  }, 60_000);

  it("rejects bytes that are not an image as unreadable", async () => {
    await expect(ocrImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))).rejects.toMatchObject({
      reason: "unreadable",
    });
  }, 30_000);
});
