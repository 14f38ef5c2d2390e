import { createCanvas } from "@napi-rs/canvas";

import { textPdf, type PlacedLine } from "./documents";
import { invoicePage } from "./scanned-pdf";

/** The width `invoicePage` places its lines for. */
const layoutWidth = 1654;

/**
 * A phone's photo of a printed invoice, as a PNG: 12 megapixels (3024 × 4032), the page filling the frame, lit
 * unevenly from one corner, text about twice as tall as OCR needs. What an operator photographs on a desk.
 */
export function phonePhotoPng(invoiceNumber: string, width = 3024, height = 4032): Uint8Array {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  const light = context.createRadialGradient(width * 0.2, height * 0.15, 0, width * 0.2, height * 0.15, height);
  light.addColorStop(0, "#fbfaf6");
  light.addColorStop(1, "#c9c5bb");
  context.fillStyle = light;
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#1b1b1f";
  const scale = width / layoutWidth;
  for (const line of invoicePage(invoiceNumber)) {
    context.font = `${String(Math.round((line.size ?? 36) * scale))}px sans-serif`;
    context.fillText(line.text, line.x * scale, line.y * scale);
  }
  return new Uint8Array(canvas.toBuffer("image/png"));
}

/** The same invoice as a one-page PDF with a real text layer, as accounting software exports it. */
export function invoicePdf(invoiceNumber: string): Promise<Uint8Array> {
  const points = 595 / layoutWidth;
  const lines: PlacedLine[] = invoicePage(invoiceNumber).map((line) => ({
    text: line.text,
    x: line.x * points,
    y: line.y * points,
    size: (line.size ?? 36) * points,
  }));
  return textPdf([lines]);
}
