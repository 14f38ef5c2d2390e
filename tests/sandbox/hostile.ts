import { deflateSync, createDeflate } from "node:zlib";

import { buildZip, xlsxLikeEntries } from "@/intake/testing/zip";

/**
 * Hostile documents of the shapes a penetration test used to freeze Keel, built small: each is a few hundred KB
 * that asks a reader for seconds of work or gigabytes of memory unless a budget stops it.
 */

/** A one-page PDF whose content stream is `content`, flate-compressed, with a Helvetica font as F1. */
export function pdfWithContent(content: Uint8Array | Buffer): Uint8Array {
  return pdfWithCompressedContent(deflateSync(content, { level: 9 }));
}

export function pdfWithCompressedContent(stream: Uint8Array): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    null,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const parts: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  const push = (chunk: Buffer) => {
    parts.push(chunk);
    length += chunk.length;
  };
  objects.forEach((body, index) => {
    offsets.push(length);
    if (body === null) {
      push(Buffer.from(`${index + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, "latin1"));
      push(Buffer.from(stream));
      push(Buffer.from("\nendstream\nendobj\n", "latin1"));
    } else push(Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, "latin1"));
  });
  const xref = length;
  const table = offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      "latin1",
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

/** Deflates `total` bytes of `chunk` repeated, without ever holding them: a stream that inflates to far more than it is. */
export async function deflateRepeated(chunk: Buffer, total: number): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (data: Buffer) => out.push(data));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  const block = Buffer.concat(Array.from({ length: Math.max(1, Math.floor((1 << 20) / chunk.length)) }, () => chunk));
  for (let written = 0; written < total; written += block.length) {
    if (!deflate.write(block)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return new Uint8Array(Buffer.concat(out));
}

/** A PDF whose one content stream inflates to `megabytes` MB of text-drawing operators. */
export async function operatorBombPdf(megabytes = 200): Promise<Uint8Array> {
  return pdfWithCompressedContent(
    await deflateRepeated(Buffer.from("BT /F1 12 Tf 72 720 Td (Total 10.00 EUR) Tj ET\n", "latin1"), megabytes << 20),
  );
}

/** A PDF whose one content stream inflates to `megabytes` MB of zeros (a ~1 MB file for 1 GB). */
export async function zeroBombPdf(megabytes = 1024): Promise<Uint8Array> {
  return pdfWithCompressedContent(await deflateRepeated(Buffer.alloc(1 << 16), megabytes << 20));
}

/** A PDF page of `runs` separately placed one-letter text runs. */
export function manyRunsPdf(runs = 300_000): Uint8Array {
  const ops: string[] = [];
  for (let i = 0; i < runs; i++)
    ops.push(
      `BT /F1 4 Tf ${String(10 + (i % 140) * 4)} ${String(780 - (Math.floor(i / 140) % 190) * 4)} Td (${String.fromCharCode(65 + (i % 26))}) Tj ET`,
    );
  return pdfWithContent(Buffer.from(ops.join("\n"), "latin1"));
}

/** An XLSX whose one sheet unpacks to about `megabytes` MB of rows (a few hundred KB zipped). */
export function bigSheetXlsx(megabytes = 99): Uint8Array {
  const row = (n: number) =>
    `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>Widget</t></is></c><c r="B${n}"><v>${n}</v></c></row>`;
  const rows: string[] = [];
  let size = 0;
  for (let n = 1; size < megabytes * 1024 * 1024; n++) {
    const text = row(n);
    rows.push(text);
    size += text.length;
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
  return buildZip(xlsxLikeEntries({ data: sheet }));
}

/** A CSV that opens a quote and never closes it, over many lines. */
export function unbalancedQuoteCsv(lines = 100_000): Uint8Array {
  return new TextEncoder().encode(`item,qty,price\n"Widget, large,1,10.00\n${"Bolt,2,0.50\n".repeat(lines)}`);
}

/** A CSV of one row and `columns` columns. */
export function wideCsv(columns = 1_000_000): Uint8Array {
  return new TextEncoder().encode(`${"1,".repeat(columns - 1)}1\n`);
}

/** A text file of `count` currency codes: the shape that made currency detection quadratic. */
export function currencyText(count = 100_000): Uint8Array {
  return new TextEncoder().encode("EUR ".repeat(count));
}

type Part = { filename: string; contentType: string; body: string; base64?: boolean };

function mime(subject: string, text: string, parts: Part[], boundary: string): string {
  const head = `From: Vendor <vendor@example.test>\r\nTo: ap@keel.test\r\nSubject: ${subject}\r\nDate: Mon, 20 May 2024 09:00:00 +0000\r\nMIME-Version: 1.0\r\n`;
  if (parts.length === 0) return `${head}Content-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`;
  const body = parts
    .map((part) => {
      const encoding = part.base64 ? "Content-Transfer-Encoding: base64\r\n" : "";
      const body = part.base64
        ? (
            Buffer.from(part.body)
              .toString("base64")
              .match(/.{1,76}/g) ?? []
          ).join("\r\n")
        : part.body;
      return `--${boundary}\r\nContent-Type: ${part.contentType}; name="${part.filename}"\r\nContent-Disposition: attachment; filename="${part.filename}"\r\n${encoding}\r\n${body}\r\n`;
    })
    .join("");
  return `${head}Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n${body}--${boundary}--\r\n`;
}

/** An email forwarding an email forwarding an email … `depth` levels, each with `attachmentsPerLevel` text files. */
export function nestedEmail(depth: number, attachmentsPerLevel = 0, tag = "n"): Uint8Array {
  let inner = "";
  for (let level = depth; level >= 0; level--) {
    const parts: Part[] = Array.from({ length: attachmentsPerLevel }, (_, index) => ({
      filename: `level-${level}-note-${index}.txt`,
      contentType: "text/plain",
      body: `Delivery note ${tag}-${level}-${index}: 3 pallets`,
    }));
    if (inner !== "") parts.push({ filename: `forward-${level}.eml`, contentType: "message/rfc822", body: inner });
    inner = mime(`Fwd level ${level}`, `Forwarding level ${level} (${tag}).`, parts, `b${level}-${tag}`);
  }
  return new TextEncoder().encode(inner);
}

/**
 * An email with `count` distinct text attachments and `emails` emails attached as opaque .dat files (base64, so
 * no mail parser opens them inline), each carrying `perEmail` attachments: each email is within the per-email limits, the
 * upload as a whole is not.
 */
export function fanOutEmail(count: number, emails: number, perEmail: number, tag: string): Uint8Array {
  const files = (prefix: string, n: number): Part[] =>
    Array.from({ length: n }, (_, index) => ({
      filename: `${prefix}-${index}.txt`,
      contentType: "text/plain",
      body: `Note ${tag}-${prefix}-${index}`,
    }));
  const children: Part[] = Array.from({ length: emails }, (_, index) => ({
    filename: `child-${index}.dat`,
    contentType: "application/octet-stream",
    base64: true,
    body: mime(`Child ${index}`, `Child ${tag}-${index}`, files(`c${index}`, perEmail), `c${index}-${tag}`),
  }));
  return new TextEncoder().encode(
    mime("Fan out", `Root ${tag}`, [...files("root", count), ...children], `root-${tag}`),
  );
}
