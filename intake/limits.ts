import { Readable, Transform, pipeline } from "node:stream";

import { IntakeError, formatBytes, formatOverLimit } from "./errors";
import { sniff, type Sniffed } from "./sniff";
import { inflateEntry, readZipEntries, type ZipEntry } from "./zip";

export type IntakeLimits = {
  /** Bytes of one upload, checked while it streams. */
  maxBytes: number;
  /** Pages of one PDF. */
  maxPdfPages: number;
  /** Bytes a ZIP-based file (XLSX) may unpack to, all entries together. */
  maxUncompressedBytes: number;
  /** Entries in a ZIP-based file. */
  maxZipEntries: number;
  /** Bytes of an email's attachments, all together, once decoded. */
  maxAttachmentBytes: number;
  /** Attachments in one email, counting those of forwarded messages. */
  maxAttachments: number;
  /** Pixels of one image (width × height), since a small PNG can decode to gigabytes. */
  maxImagePixels: number;
  /** Bytes a PDF's compressed page content, fonts and object streams may unpack to, all together (images aside). */
  maxPdfInflatedBytes: number;
  /** Text runs (pieces of text the PDF places separately) in one PDF, all pages together. */
  maxPdfTextRuns: number;
  /** Bytes one sheet of an XLSX (or its shared strings) may unpack to: the spreadsheet library holds it all at once. */
  maxSheetBytes: number;
  /** Cells of one CSV, all rows together, and columns of one row. */
  maxCsvCells: number;
  maxCsvColumns: number;
  /** Emails forwarded inside emails: how deep they may nest. */
  maxEmailNesting: number;
};

export const defaultIntakeLimits: IntakeLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxPdfPages: 200,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxAttachmentBytes: 25 * 1024 * 1024,
  maxAttachments: 50,
  maxImagePixels: 50_000_000,
  maxPdfInflatedBytes: 64 * 1024 * 1024,
  maxPdfTextRuns: 150_000,
  maxSheetBytes: 16 * 1024 * 1024,
  maxCsvCells: 1_000_000,
  maxCsvColumns: 1_000,
  maxEmailNesting: 5,
};

/** The defaults with `limits` laid over them; a limit given as undefined keeps its default. */
export function resolveLimits(limits: Partial<IntakeLimits> = {}): IntakeLimits {
  const given = Object.fromEntries(
    Object.entries(limits as Record<string, number | undefined>).filter(([, value]) => value !== undefined),
  );
  return { ...defaultIntakeLimits, ...given };
}

type StreamLimit = {
  maxBytes: number;
  /** The size the sender announced (Content-Length), to refuse before reading. */ declaredBytes?: number;
};

/** `too_large` for a file of `actual` bytes, or of unknown size (null) when it was cut off at the limit. */
export function tooLarge(actual: number | null, maxBytes: number): IntakeError {
  if (actual === null) {
    return new IntakeError(
      "too_large",
      `The file is larger than ${formatBytes(maxBytes)}, the limit. Split it or compress it and upload again.`,
      { maxBytes },
    );
  }
  const sizes = formatOverLimit(actual, maxBytes);
  return new IntakeError(
    "too_large",
    `The file is ${sizes.actual}; the limit is ${sizes.limit}. Split it or compress it and upload again.`,
    { bytes: actual, maxBytes },
  );
}

/** Throws `too_large` when a known size is over the limit. */
export function checkSize(bytes: number, limits: Pick<IntakeLimits, "maxBytes"> = defaultIntakeLimits): void {
  if (bytes > limits.maxBytes) throw tooLarge(bytes, limits.maxBytes);
}

/**
 * Passes chunks through until the total passes `maxBytes`, then errors with `too_large` and cancels (Web) or
 * destroys (Node) the source, so an oversized upload stops being read at the limit rather than at its end.
 */
export function limitStream(stream: ReadableStream<Uint8Array>, options: StreamLimit): ReadableStream<Uint8Array>;
export function limitStream(stream: Readable, options: StreamLimit): Readable;
export function limitStream(
  stream: ReadableStream<Uint8Array> | Readable,
  options: StreamLimit,
): ReadableStream<Uint8Array> | Readable {
  const { maxBytes, declaredBytes } = options;
  const early = declaredBytes !== undefined && declaredBytes > maxBytes ? tooLarge(declaredBytes, maxBytes) : null;
  let total = 0;
  if (stream instanceof Readable) {
    const guard = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        total += chunk.length;
        if (total > maxBytes) callback(tooLarge(null, maxBytes));
        else callback(null, chunk);
      },
    });
    if (early) {
      stream.destroy();
      guard.destroy(early);
      return guard;
    }
    // pipeline, unlike pipe, destroys the source when the guard fails.
    pipeline(stream, guard, () => undefined);
    return guard;
  }
  if (early) {
    void stream.cancel(early).catch(() => undefined);
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.error(early) });
  }
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      total += value.byteLength;
      if (total <= maxBytes) {
        controller.enqueue(value);
        return;
      }
      const error = tooLarge(null, maxBytes);
      controller.error(error);
      await reader.cancel(error);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** Reads a whole stream into memory under the limit: what an upload handler stores. */
export async function readLimited(
  stream: ReadableStream<Uint8Array> | Readable,
  options: StreamLimit,
): Promise<Uint8Array> {
  const limited = stream instanceof Readable ? limitStream(stream, options) : limitStream(stream, options);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of limited as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export function checkPdfPages(pages: number, limits: Pick<IntakeLimits, "maxPdfPages"> = defaultIntakeLimits): void {
  if (pages > limits.maxPdfPages) {
    throw new IntakeError(
      "too_many_pages",
      `The PDF has ${pages} pages; the limit is ${limits.maxPdfPages}. Split it into smaller PDFs and upload them one by one.`,
      {
        pages,
        maxPdfPages: limits.maxPdfPages,
      },
    );
  }
}

export function checkImagePixels(
  size: { width: number; height: number },
  limits: Pick<IntakeLimits, "maxImagePixels"> = defaultIntakeLimits,
): void {
  const pixels = size.width * size.height;
  if (pixels > limits.maxImagePixels) {
    throw new IntakeError(
      "decompression_bomb",
      `The image is ${size.width} × ${size.height} pixels (${Math.round(pixels / 1e6)} megapixels); the limit is ${Math.round(limits.maxImagePixels / 1e6)} megapixels. Scan or export it at a lower resolution (200–300 dpi is plenty) and upload again.`,
      { width: size.width, height: size.height, maxImagePixels: limits.maxImagePixels },
    );
  }
}

function bomb(what: string, unpacked: number, limit: number, declared: boolean): IntakeError {
  const sizes = formatOverLimit(unpacked, limit);
  const verb = declared ? "declares that it unpacks to" : "unpacks to more than";
  return new IntakeError(
    "decompression_bomb",
    `The ${what} ${verb} ${declared ? sizes.actual : sizes.limit}; the limit is ${sizes.limit}. Re-save it from the original program (or export the sheet you need as CSV) and upload again.`,
    { uncompressedBytes: unpacked, maxUncompressedBytes: limit },
  );
}

/**
 * Guards a ZIP-based file (XLSX) before a library unpacks it: the entry count and the declared sizes first, then
 * every entry is inflated under the remaining budget, because a bomb can understate its sizes.
 */
export function checkZipExpansion(
  bytes: Uint8Array,
  limits: Pick<IntakeLimits, "maxUncompressedBytes" | "maxZipEntries"> = defaultIntakeLimits,
  what = "spreadsheet",
): { entries: ZipEntry[]; uncompressedBytes: number } {
  const entries = readZipEntries(bytes, Number.MAX_SAFE_INTEGER);
  if (!entries)
    throw new IntakeError(
      "unreadable",
      `The ${what} is damaged or cut off. Re-save it from the original program and upload it again.`,
    );
  if (entries.length > limits.maxZipEntries) {
    throw new IntakeError(
      "decompression_bomb",
      `The ${what} holds ${entries.length} files inside; the limit is ${limits.maxZipEntries}. Re-save it from the original program and upload again.`,
      {
        entries: entries.length,
        maxZipEntries: limits.maxZipEntries,
      },
    );
  }
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxUncompressedBytes) throw bomb(what, declared, limits.maxUncompressedBytes, true);
  let unpacked = 0;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    if ((entry.flags & 1) !== 0)
      throw new IntakeError("encrypted", `The ${what} is password-protected; remove the password and upload it again`);
    let data: Uint8Array | null;
    try {
      data = inflateEntry(bytes, entry, limits.maxUncompressedBytes - unpacked);
    } catch {
      throw new IntakeError(
        "unreadable",
        `The ${what} is damaged (${entry.name} cannot be unpacked). Re-save it from the original program and upload it again.`,
      );
    }
    if (!data) throw bomb(what, limits.maxUncompressedBytes + 1, limits.maxUncompressedBytes, false);
    unpacked += data.length;
  }
  return { entries, uncompressedBytes: unpacked };
}

/** Count and total size of an email's decoded attachments. */
export function checkAttachments(
  attachments: { size: number }[],
  limits: Pick<IntakeLimits, "maxAttachments" | "maxAttachmentBytes"> = defaultIntakeLimits,
): void {
  if (attachments.length > limits.maxAttachments) {
    throw new IntakeError(
      "too_large",
      `The email has ${attachments.length} attachments; the limit is ${limits.maxAttachments}. Send the documents in several emails or upload them directly.`,
      {
        attachments: attachments.length,
        maxAttachments: limits.maxAttachments,
      },
    );
  }
  const total = attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  if (total > limits.maxAttachmentBytes) {
    const sizes = formatOverLimit(total, limits.maxAttachmentBytes);
    throw new IntakeError(
      "too_large",
      `The email's attachments add up to ${sizes.actual}; the limit is ${sizes.limit}. Send them in several emails or upload them directly.`,
      {
        attachmentBytes: total,
        maxAttachmentBytes: limits.maxAttachmentBytes,
      },
    );
  }
}

/**
 * The checks a whole file passes before Keel stores it: its size, its type sniffed from the bytes, and for an
 * XLSX its zip expansion. Throws IntakeError with a sentence for the person; returns what the bytes are.
 */
export function checkUpload(bytes: Uint8Array, limits: IntakeLimits = defaultIntakeLimits): Sniffed {
  checkSize(bytes.length, limits);
  const sniffed = sniff(bytes);
  if (sniffed.kind === "xlsx") checkZipExpansion(bytes, limits);
  return sniffed;
}
