import { createCanvas } from "@napi-rs/canvas";
import { PDFDocument, StandardFonts } from "pdf-lib";

export type PlacedLine = { text: string; x: number; y: number; size?: number };

/** A PDF with a real text layer; `y` is from the top of an A4 page, in points. */
export async function textPdf(pages: PlacedLine[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    for (const line of lines) page.drawText(line.text, { x: line.x, y: 842 - line.y, size: line.size ?? 12, font });
  }
  return doc.save();
}

/** A PNG of black text on white, like a scanner produces; `y` is the baseline from the top, in pixels. */
export function textPng(lines: PlacedLine[], width = 1654, height = 2339): Uint8Array {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "white";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "black";
  for (const line of lines) {
    context.font = `${line.size ?? 36}px sans-serif`;
    context.fillText(line.text, line.x, line.y);
  }
  return new Uint8Array(canvas.toBuffer("image/png"));
}

/** A scanned PDF: the image of a page and no text layer. */
export async function scannedPdf(png: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(png);
  const page = doc.addPage([595, 842]);
  page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return doc.save();
}

export const invoiceLines: PlacedLine[] = [
  { text: "ACME Industrial Supplies Ltd", x: 120, y: 200, size: 48 },
  { text: "INVOICE", x: 120, y: 320, size: 56 },
  { text: "Invoice number: INV-2024-0042", x: 120, y: 440 },
  { text: "Invoice date: 2024-03-15", x: 120, y: 500 },
  { text: "Hex bolts M8 x 40      100      0.45      45.00", x: 120, y: 700 },
  { text: "Total due: 1,234.56 EUR", x: 120, y: 900, size: 40 },
];

/**
 * A one-page PDF written by hand whose text layer holds characters PostgreSQL refuses, as real supplier PDFs do:
 * byte 0 drawn with a glyph the font leaves unnamed (pdfjs gives U+0000) and byte 2 with a glyph named for a lone
 * surrogate (U+D800). `lines` are PDF string literals, so "\\000" and "\\002" in them are those bytes.
 */
export function pdfWithRawText(lines: string[]): Uint8Array {
  const content = `BT /F1 12 Tf 72 760 Td ${lines.map((line) => `(${line}) Tj 0 -20 Td`).join(" ")} ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [0 /g0 2 /uniD800] >> >>",
    `<< /Length ${String(content.length)} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${String(i + 1)} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
}
