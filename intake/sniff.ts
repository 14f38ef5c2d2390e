import { documentKinds, type DocumentKind } from "@/domain/documents/kinds";
import { detectDelimiter } from "./delimiter";
import { decodeText, junkRatio } from "./encoding";
import { IntakeError } from "./errors";
import { isZip, readZipEntries } from "./zip";

export const sniffedKinds = documentKinds;
export type SniffedKind = DocumentKind;
export type Sniffed = { kind: SniffedKind; mimeType: string; extension: string };

const accepted: Record<SniffedKind, Omit<Sniffed, "kind">> = {
  pdf: { mimeType: "application/pdf", extension: "pdf" },
  png: { mimeType: "image/png", extension: "png" },
  jpeg: { mimeType: "image/jpeg", extension: "jpg" },
  xlsx: { mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
  eml: { mimeType: "message/rfc822", extension: "eml" },
  csv: { mimeType: "text/csv", extension: "csv" },
  text: { mimeType: "text/plain", extension: "txt" },
};

/** Formats recognised only to say what they are and what to do instead. */
const unsupported: Record<string, string> = {
  xls: "This is a legacy Excel file (.xls). Save it as .xlsx or CSV and upload it again.",
  doc: "This is a legacy Word file (.doc). Save it as PDF and upload it again.",
  ppt: "This is a PowerPoint file. Save it as PDF and upload it again.",
  msg: "This is an Outlook .msg file. Save the email as .eml (or forward it) and upload it again.",
  ole: "This is a legacy Microsoft Office file. Save it as PDF, .xlsx or CSV and upload it again.",
  docx: "This is a Word file (.docx). Save it as PDF and upload it again.",
  pptx: "This is a PowerPoint file (.pptx). Save it as PDF and upload it again.",
  opendocument: "This is an OpenDocument file. Save it as PDF, .xlsx or CSV and upload it again.",
  zip: "This is a ZIP archive. Unpack it and upload the documents inside one by one.",
  gzip: "This is a compressed archive. Unpack it and upload the documents inside one by one.",
  "7z": "This is a compressed archive. Unpack it and upload the documents inside one by one.",
  rar: "This is a compressed archive. Unpack it and upload the documents inside one by one.",
  elf: "This is a program, not a document. Keel reads PDF, PNG, JPEG, XLSX, CSV, plain text and .eml files.",
  exe: "This is a program, not a document. Keel reads PDF, PNG, JPEG, XLSX, CSV, plain text and .eml files.",
  "mach-o": "This is a program, not a document. Keel reads PDF, PNG, JPEG, XLSX, CSV, plain text and .eml files.",
  gif: "This is a GIF image. Save it as PNG or PDF and upload it again.",
  tiff: "This is a TIFF image. Save it as PDF or PNG and upload it again.",
  bmp: "This is a BMP image. Save it as PNG or PDF and upload it again.",
  webp: "This is a WebP image. Save it as PNG or PDF and upload it again.",
  heic: "This is a HEIC photo. Export it as JPEG or PDF and upload it again.",
  video: "This is a video. Keel reads PDF, PNG, JPEG, XLSX, CSV, plain text and .eml files.",
  postscript: "This is a PostScript file. Save it as PDF and upload it again.",
  rtf: "This is a rich-text (.rtf) file. Save it as PDF and upload it again.",
  html: "This is a web page. Print it to PDF and upload it again.",
  binary: "This file is not a document Keel can read. Keel reads PDF, PNG, JPEG, XLSX, CSV, plain text and .eml files.",
};

/**
 * Decides what the bytes are, never trusting a name or a Content-Type. Throws an IntakeError for anything Keel
 * will not read: empty files, password-protected PDFs and Office files, and every other format (with
 * `details.detected` naming it).
 */
export function sniff(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0)
    throw new IntakeError("empty", "The file is empty (0 bytes). Check that it saved correctly and upload it again.");
  const kind = sniffBinary(bytes) ?? sniffText(bytes);
  return { kind, ...accepted[kind] };
}

function sniffBinary(bytes: Uint8Array): SniffedKind | null {
  if (findPdfHeader(bytes) >= 0) {
    if (isEncryptedPdf(bytes)) throw new IntakeError("encrypted", undefined, { detected: "pdf" });
    return "pdf";
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (isZip(bytes)) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return reject(sniffOle(bytes));
  const other = sniffOtherBinary(bytes);
  return other ? reject(other) : null;
}

function reject(detected: string): never {
  throw new IntakeError("unsupported_type", unsupported[detected] ?? unsupported.binary, { detected });
}

/** Acrobat accepts a header anywhere in the first 1024 bytes, and mail gateways do prepend junk. */
function findPdfHeader(bytes: Uint8Array): number {
  return latin1(bytes.subarray(0, 1024)).indexOf("%PDF-");
}

/**
 * A PDF is encrypted when its trailer, or the dictionary of a cross-reference stream (which stands in for the
 * trailer since PDF 1.5), names an /Encrypt dictionary. Only the first and last MB are read: that is where
 * trailers live. An "/Encrypt" elsewhere (in a page's text, say) does not count.
 */
export function isEncryptedPdf(bytes: Uint8Array): boolean {
  const window = 1024 * 1024;
  const parts =
    bytes.length <= 2 * window ? [bytes] : [bytes.subarray(0, window), bytes.subarray(bytes.length - window)];
  const encrypt = /\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/;
  for (const part of parts) {
    const text = latin1(part);
    for (const match of text.matchAll(/trailer\s*<</g)) {
      const end = text.indexOf("startxref", match.index);
      if (encrypt.test(text.slice(match.index, end < 0 ? match.index + 8192 : end))) return true;
    }
    for (const match of text.matchAll(/\/Type\s*\/XRef\b/g)) {
      const start = Math.max(0, text.lastIndexOf(" obj", match.index));
      const end = text.indexOf("stream", match.index);
      if (encrypt.test(text.slice(start, end < 0 ? match.index + 8192 : end))) return true;
    }
  }
  return false;
}

function sniffZip(bytes: Uint8Array): SniffedKind {
  const entries = readZipEntries(bytes);
  if (!entries)
    throw new IntakeError(
      "unreadable",
      "The file looks like a ZIP-based Office file but is damaged or cut off. Re-save it and upload it again.",
      { detected: "zip" },
    );
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has("[Content_Types].xml") && entries.some((entry) => entry.name.startsWith("xl/"))) return "xlsx";
  if (entries.some((entry) => entry.name.startsWith("word/"))) return reject("docx");
  if (entries.some((entry) => entry.name.startsWith("ppt/"))) return reject("pptx");
  if (names.has("mimetype") && names.has("content.xml")) return reject("opendocument");
  return reject("zip");
}

/** OLE2 compound files name their streams in UTF-16: that tells .xls from .doc, .msg and encrypted .xlsx. */
function sniffOle(bytes: Uint8Array): string {
  const has = (name: string) => indexOf(bytes, utf16le(name)) >= 0;
  if (has("EncryptedPackage")) {
    throw new IntakeError(
      "encrypted",
      "This Office file is password-protected; remove the password and upload it again",
      { detected: "ole" },
    );
  }
  if (has("Workbook") || has("Book")) return "xls";
  if (has("WordDocument")) return "doc";
  if (has("PowerPoint Document")) return "ppt";
  if (has("__substg1.0_")) return "msg";
  return "ole";
}

function sniffOtherBinary(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, 16));
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return "elf";
  if (head.startsWith("MZ") && isPortableExecutable(bytes)) return "exe";
  if (
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((magic) => startsWith(bytes, magic))
  )
    return "mach-o";
  if (head.startsWith("GIF87a") || head.startsWith("GIF89a")) return "gif";
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  if (
    head.startsWith("BM") &&
    bytes.length > 18 &&
    [12, 40, 52, 56, 108, 124].includes(bytes[14] ?? 0) &&
    bytes[15] === 0
  )
    return "bmp";
  if (head.startsWith("RIFF") && head.slice(8, 12) === "WEBP") return "webp";
  if (head.slice(4, 8) === "ftyp") return /^(heic|heix|hevc|mif1|msf1|avif)/.test(head.slice(8, 12)) ? "heic" : "video";
  if (startsWith(bytes, [0x1f, 0x8b])) return "gzip";
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return "7z";
  if (head.startsWith("Rar!")) return "rar";
  if (head.startsWith("%!PS")) return "postscript";
  if (head.startsWith("{\\rtf")) return "rtf";
  return null;
}

function sniffText(bytes: Uint8Array): SniffedKind {
  const sample = bytes.subarray(0, 256 * 1024);
  const { text } = decodeText(sample, { truncated: sample.length < bytes.length });
  if (junkRatio(text) > 0.02) return reject("binary");
  if (text.trim() === "")
    throw new IntakeError(
      "empty",
      "The file has no content, only blank space. Check that it saved correctly and upload it again.",
    );
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return reject("html");
  if (looksLikeEmail(text)) return "eml";
  if (detectDelimiter(text)) return "csv";
  return "text";
}

const emailHeaders = new Set([
  "from",
  "to",
  "cc",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "received",
  "return-path",
  "reply-to",
  "delivered-to",
  "content-type",
  "sender",
  "in-reply-to",
  "references",
  "x-mailer",
  "dkim-signature",
  "authentication-results",
  "thread-topic",
]);
const strongEmailHeaders = new Set(["from", "subject", "mime-version", "received", "message-id", "date"]);

/** An RFC 822 message starts with header fields (an mbox "From " line may come first) and has a From or MIME-Version. */
export function looksLikeEmail(text: string): boolean {
  const lines = text.replace(/^\s+/, "").split(/\r\n|\n/, 200);
  if (lines[0]?.startsWith("From ")) lines.shift();
  const names: string[] = [];
  for (const line of lines) {
    if (line === "") break;
    if (/^[ \t]/.test(line)) continue;
    const match = /^([!-9;-~]+):/.exec(line);
    if (!match?.[1]) return false;
    names.push(match[1].toLowerCase());
  }
  const known = names.filter((name) => emailHeaders.has(name));
  return (
    known.length >= 2 &&
    known.some((name) => strongEmailHeaders.has(name)) &&
    (known.includes("from") || known.includes("mime-version") || known.includes("received"))
  );
}

function isPortableExecutable(bytes: Uint8Array): boolean {
  if (bytes.length < 64) return false;
  const peOffset = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0x3c, true);
  return peOffset + 4 <= bytes.length && startsWith(bytes.subarray(peOffset), [0x50, 0x45, 0, 0]);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder("latin1").decode(bytes);
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(needle);
}
