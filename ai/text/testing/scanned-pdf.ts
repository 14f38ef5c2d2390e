import { createCanvas } from "@napi-rs/canvas";

import type { PlacedLine } from "./documents";

export type ScannedPdfOptions = {
  pages: number;
  /** The whole file's size to aim for, reached with scanner noise; without it the scan is as clean as it compresses. */
  targetBytes?: number;
  /** Pixels across one page (A4): 1654 is 200 dpi. */
  width?: number;
  /** Seeds the noise, so the same options give the same bytes. */
  seed?: number;
  /** Page 1's invoice number, so several scans in one database are not duplicates. */
  invoiceNumber?: string;
};

const a4 = { width: 595, height: 842 };

/**
 * A scanned invoice as a copier writes it: every page a JPEG (DCTDecode image, no text layer), page 1 a complete
 * invoice in EUR the deterministic extractor reads, the rest terms pages. Grain keeps the JPEGs as large as a real
 * scan's, up to `targetBytes`, while the text stays readable by OCR.
 */
export async function makeScannedPdf(options: ScannedPdfOptions): Promise<Uint8Array> {
  if (!Number.isInteger(options.pages) || options.pages < 1) throw new Error("makeScannedPdf needs pages ≥ 1.");
  const width = options.width ?? 1654;
  const height = Math.round((width * a4.height) / a4.width);
  const perPage = options.targetBytes === undefined ? undefined : options.targetBytes / options.pages;
  const images: Jpeg[] = [];
  for (let page = 1; page <= options.pages; page++) {
    const lines = page === 1 ? invoicePage(options.invoiceNumber ?? "SC-2025-0417") : termsPage(page, options.pages);
    images.push(await scanPage(lines, { width, height, seed: (options.seed ?? 1) * 7919 + page, perPage }));
  }
  return writeImagePdf(images);
}

type Jpeg = { bytes: Uint8Array; width: number; height: number };

/** Lines placed for a 1654-pixel page; `scale` fits them to other widths. */
export function invoicePage(invoiceNumber: string): PlacedLine[] {
  return [
    { text: "Nordlicht Office Supplies GmbH", x: 120, y: 180, size: 52 },
    { text: "Hafenstrasse 12, 20457 Hamburg, Germany", x: 120, y: 240 },
    { text: "VAT ID: DE 811 907 980", x: 120, y: 290 },
    { text: "INVOICE", x: 120, y: 420, size: 60 },
    { text: `Invoice number: ${invoiceNumber}`, x: 120, y: 520 },
    { text: "Invoice date: 2025-03-14", x: 120, y: 580 },
    { text: "Due date: 2025-04-13", x: 120, y: 640 },
    { text: "Bill to: Keel Test Buyer BV, Keizersgracht 1, Amsterdam", x: 120, y: 740 },
    { text: "Description                Qty      Unit price      Amount", x: 120, y: 880 },
    { text: "Toner cartridge black       4          45.00        180.00", x: 120, y: 950 },
    { text: "Copier service visit        1         120.00        120.00", x: 120, y: 1010 },
    { text: "Net amount: 300.00 EUR", x: 120, y: 1160 },
    { text: "VAT 19%: 57.00 EUR", x: 120, y: 1220 },
    { text: "Total due: 357.00 EUR", x: 120, y: 1300, size: 44 },
    { text: "IBAN DE89 3704 0044 0532 0130 00", x: 120, y: 1440 },
  ];
}

function termsPage(page: number, pages: number): PlacedLine[] {
  return [
    { text: `Page ${String(page)} of ${String(pages)}`, x: 120, y: 180, size: 44 },
    { text: "Terms and conditions of delivery", x: 120, y: 300 },
    { text: `Section ${String(page)}: goods remain our property until paid in full.`, x: 120, y: 380 },
    { text: "Complaints must reach us within fourteen days of delivery.", x: 120, y: 440 },
    { text: "Late payment carries interest at nine points above base rate.", x: 120, y: 500 },
  ];
}

async function scanPage(
  lines: PlacedLine[],
  page: { width: number; height: number; seed: number; perPage: number | undefined },
): Promise<Jpeg> {
  const canvas = createCanvas(page.width, page.height);
  const context = canvas.getContext("2d");
  const scale = page.width / 1654;
  context.fillStyle = "#f4f2ec";
  context.fillRect(0, 0, page.width, page.height);
  context.fillStyle = "#111111";
  for (const line of lines) {
    context.font = `${String(Math.round((line.size ?? 36) * scale))}px sans-serif`;
    context.fillText(line.text, line.x * scale, line.y * scale);
  }
  const clean = context.getImageData(0, 0, page.width, page.height);
  // One canvas and one pixel buffer for every try: native memory churned per try has crashed the process.
  const noisy = context.createImageData(page.width, page.height);
  const encode = async (grain: number) => {
    const random = mulberry32(page.seed);
    for (let i = 0; i < clean.data.length; i += 4) {
      // Faint grain in brightness, which OCR reads, and strong grain in colour, which it ignores but JPEG must keep.
      const shift = (random() - 0.5) * grain * 0.3;
      for (let channel = 0; channel < 3; channel++)
        noisy.data[i + channel] = clamp((clean.data[i + channel] ?? 0) + shift + (random() - 0.5) * 2 * grain);
      noisy.data[i + 3] = 255;
    }
    context.putImageData(noisy, 0, 0);
    return new Uint8Array(await canvas.encode("jpeg", 95));
  };
  let bytes = await encode(0);
  if (page.perPage !== undefined && bytes.length < page.perPage) {
    // More grain, more bytes: halve the interval until the page is within 5% of its share.
    let low = 0;
    let high = 96;
    for (let round = 0; round < 8; round++) {
      const grain = (low + high) / 2;
      bytes = await encode(grain);
      if (Math.abs(bytes.length - page.perPage) < page.perPage * 0.05) break;
      if (bytes.length < page.perPage) low = grain;
      else high = grain;
    }
  }
  return { bytes, width: page.width, height: page.height };
}

/** A PDF whose pages are the JPEGs as they are (DCTDecode): what a scanner's firmware writes. */
function writeImagePdf(images: Jpeg[]): Uint8Array {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    length += chunk.length;
  };
  const object = (id: number, head: string, stream?: Uint8Array) => {
    offsets[id] = length;
    push(Buffer.from(`${String(id)} 0 obj\n${head}\n`, "latin1"));
    if (stream) {
      push(Buffer.from("stream\n", "latin1"));
      push(Buffer.from(stream));
      push(Buffer.from("\nendstream\n", "latin1"));
    }
    push(Buffer.from("endobj\n", "latin1"));
  };
  push(Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1"));
  const pageId = (index: number) => 3 + index * 3;
  object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  object(
    2,
    `<< /Type /Pages /Kids [${images.map((_, index) => `${String(pageId(index))} 0 R`).join(" ")}] /Count ${String(images.length)} >>`,
  );
  for (const [index, image] of images.entries()) {
    const id = pageId(index);
    const content = Buffer.from(`q ${String(a4.width)} 0 0 ${String(a4.height)} 0 0 cm /Im0 Do Q`, "latin1");
    object(
      id,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${String(a4.width)} ${String(a4.height)}] /Resources << /XObject << /Im0 ${String(id + 2)} 0 R >> >> /Contents ${String(id + 1)} 0 R >>`,
    );
    object(id + 1, `<< /Length ${String(content.length)} >>`, content);
    object(
      id + 2,
      `<< /Type /XObject /Subtype /Image /Width ${String(image.width)} /Height ${String(image.height)} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${String(image.bytes.length)} >>`,
      image.bytes,
    );
  }
  const count = 3 + images.length * 3;
  const xref = length;
  const entries = Array.from({ length: count - 1 }, (_, index) => {
    return `${String(offsets[index + 1] ?? 0).padStart(10, "0")} 00000 n \n`;
  });
  push(Buffer.from(`xref\n0 ${String(count)}\n0000000000 65535 f \n${entries.join("")}`, "latin1"));
  push(Buffer.from(`trailer\n<< /Size ${String(count)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`, "latin1"));
  return new Uint8Array(Buffer.concat(chunks));
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/** A small seeded generator: the same seed, the same grain, the same file. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
