import { deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { adversarialShapes } from "@/ai/deterministic/testing/adversarial";
import { buildZip, xlsxLikeEntries } from "@/intake/testing/zip";

/**
 * A hostile-input corpus, generated (never committed) and deterministic. `scale` 1 fits CI; the issue's sizes are
 * about scale 100 (`npm run` … `tests/hostile/write-corpus.ts --scale 100`). `expect` is what Keel should do today:
 * refuse it at intake, fail it with a clear sentence, or extract something.
 */
export type HostileDocument = {
  name: string;
  filename: string;
  bytes: Uint8Array;
  expect: "refused" | "fails" | "extracts";
};

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A one-page PDF whose content stream is `content`, flate-compressed, written by hand so sizes are exact. */
function pdfWithContent(content: Uint8Array): Uint8Array {
  const stream = deflateSync(content);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n")];
  const offsets: number[] = [];
  let at = parts[0]?.length ?? 0;
  objects.forEach((body, i) => {
    offsets.push(at);
    const chunk =
      body === null
        ? Buffer.concat([
            Buffer.from(
              `${String(i + 1)} 0 obj\n<< /Length ${String(stream.length)} /Filter /FlateDecode >>\nstream\n`,
            ),
            stream,
            Buffer.from("\nendstream\nendobj\n"),
          ])
        : Buffer.from(`${String(i + 1)} 0 obj\n${body}\nendobj\n`);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(at)}\n%%EOF\n`,
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

function eml(headers: string, body: string): string {
  return `${headers}\r\nMIME-Version: 1.0\r\n${body}`;
}

function nestedForwards(depth: number): string {
  let message = eml(
    "From: a@example.com\r\nSubject: Invoice INV-1\r\n",
    "Content-Type: text/plain\r\n\r\nInvoice INV-1 total 10,00 EUR\r\n",
  );
  for (let i = 0; i < depth; i++) {
    const boundary = `b${String(i)}`;
    message = eml(
      `From: f${String(i)}@example.com\r\nSubject: Fwd ${String(i)}\r\n`,
      `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\nContent-Type: text/plain\r\n\r\nForwarded.\r\n--${boundary}\r\nContent-Type: message/rfc822\r\n\r\n${message}\r\n--${boundary}--\r\n`,
    );
  }
  return message;
}

function manyAttachments(count: number): string {
  const parts = Array.from(
    { length: count },
    (_, i) =>
      `--m\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename="a${String(i)}.txt"\r\n\r\nInvoice A-${String(i)} total 1,00 EUR\r\n`,
  );
  return eml(
    "From: a@example.com\r\nSubject: Many\r\n",
    `Content-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n${parts.join("")}--m--\r\n`,
  );
}

const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${String(i + 1)} "${`&lol${i === 0 ? "" : String(i)};`.repeat(10)}">`).join("")}]><worksheet><sheetData><row><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;

export async function hostileCorpus({ scale = 1 }: { scale?: number } = {}): Promise<HostileDocument[]> {
  const s = Math.max(0.01, scale);
  const n = (count: number): number => Math.max(1, Math.round(count * s));
  const docs: HostileDocument[] = adversarialShapes.map((shape, i) => ({
    name: `text: ${shape.name}`,
    filename: `shape-${String(i)}.txt`,
    bytes: utf8(shape.make(n(200_000))),
    expect: "extracts",
  }));
  const textPdf = await PDFDocument.create();
  const font = await textPdf.embedFont(StandardFonts.Helvetica);
  textPdf.addPage([595, 842]).drawText("Invoice INV-7 total 10.00 EUR", { x: 50, y: 800, size: 12, font });
  const realPdf = await textPdf.save();
  docs.push(
    { name: "100 000 EUR (scaled)", filename: "eur.txt", bytes: utf8("EUR ".repeat(n(20_000))), expect: "extracts" },
    {
      name: "a line without newline",
      filename: "long-line.txt",
      bytes: utf8("x".repeat(n(100_000))),
      expect: "extracts",
    },
    {
      name: "repeated currency, amount and date tokens",
      filename: "tokens.txt",
      bytes: utf8("€ 1.234,56 12.03.2025 USD ".repeat(n(8_000))),
      expect: "extracts",
    },
    {
      name: "deep bracket nesting",
      filename: "nesting.txt",
      bytes: utf8(`${"[{(".repeat(n(50_000))}${")}]".repeat(n(50_000))}`),
      expect: "extracts",
    },
    {
      name: "invalid UTF-8",
      filename: "invalid.txt",
      bytes: new Uint8Array([...utf8("Invoice "), 0xc3, 0x28, 0xff, 0xfe, ...utf8(" total 10,00 EUR")]),
      expect: "extracts",
    },
    {
      name: "UTF-16 without BOM",
      filename: "utf16.txt",
      bytes: new Uint8Array(Buffer.from("Invoice INV-9 total 10,00 EUR\n".repeat(50), "utf16le")),
      expect: "extracts",
    },
    {
      name: "mixed encodings",
      filename: "mixed.txt",
      bytes: new Uint8Array([...utf8("Rechnung Müller "), 0xfc, ...utf8(" Straße "), 0xe4]),
      expect: "refused",
    },
    {
      name: "PDF with a flate stream of operators",
      filename: "operators.pdf",
      bytes: pdfWithContent(utf8("BT /F1 12 Tf 10 10 Td (x) Tj ET\n".repeat(n(60_000)))),
      expect: "extracts",
    },
    {
      name: "PDF of flate zeros",
      filename: "zeros.pdf",
      bytes: pdfWithContent(new Uint8Array(n(2_000_000))),
      expect: "extracts",
    },
    {
      name: "PDF with many text runs",
      filename: "runs.pdf",
      bytes: pdfWithContent(utf8(`BT /F1 8 Tf ${"(a) Tj 1 0 Td ".repeat(n(30_000))}ET`)),
      expect: "extracts",
    },
    {
      name: "XLSX declaring a 99 MB sheet",
      filename: "declared.xlsx",
      bytes: buildZip(xlsxLikeEntries({ data: "<worksheet/>", declaredSize: 99 * 1024 * 1024 })),
      expect: "fails",
    },
    {
      name: "XLSX zip bomb",
      filename: "bomb.xlsx",
      bytes: buildZip(xlsxLikeEntries({ data: new Uint8Array(n(5_000_000)).fill(0x20) })),
      expect: "fails",
    },
    {
      name: "XLSX with a billion-laughs sheet",
      filename: "laughs.xlsx",
      bytes: buildZip(xlsxLikeEntries({ data: billionLaughs })),
      expect: "fails",
    },
    {
      name: "plain zip bomb",
      filename: "bomb.zip",
      bytes: buildZip([{ name: "a.txt", data: new Uint8Array(n(5_000_000)) }]),
      expect: "refused",
    },
    {
      name: "CSV with an unbalanced quote",
      filename: "quote.csv",
      bytes: utf8(`"a,b\n${"x,y\n".repeat(n(50_000))}`),
      expect: "extracts",
    },
    {
      name: "CSV of one row and many columns",
      filename: "columns.csv",
      bytes: utf8(`${"1;".repeat(n(100_000))}1\n`),
      expect: "extracts",
    },
    {
      name: "deeply nested forwarded email",
      filename: "nested.eml",
      bytes: utf8(nestedForwards(Math.min(200, n(40)))),
      expect: "extracts",
    },
    {
      name: "email with many attachments",
      filename: "attachments.eml",
      bytes: utf8(manyAttachments(n(200))),
      expect: "extracts",
    },
    {
      name: "PDF that is also a zip",
      filename: "polyglot.pdf",
      bytes: new Uint8Array([...realPdf, ...buildZip([{ name: "x.txt", data: "zip" }])]),
      expect: "extracts",
    },
  );
  return docs;
}
