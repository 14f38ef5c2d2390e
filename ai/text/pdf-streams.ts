import { constants, inflateSync } from "node:zlib";

import { IntakeError, formatBytes } from "@/intake/errors";

const latin1 = new TextDecoder("latin1");
/** How far back from `stream` the object's dictionary is looked for. */
const dictionaryWindow = 4096;

/**
 * Inflates every flate stream a PDF's text layer may need (page content, forms, fonts, object streams), under one
 * budget for them all, before pdfjs sees the file: pdfjs inflates lazily and without a limit, so a small PDF of
 * compressed operators or zeros would otherwise cost minutes and gigabytes. Images are left to pdfjs, which
 * checks their pixel count before it decodes them. Streams that do not inflate are left for pdfjs to judge.
 */
export function checkPdfStreams(
  bytes: Uint8Array,
  limits: { maxInflatedBytes: number; maxTextRuns: number },
): { inflatedBytes: number; textRuns: number } {
  const { maxInflatedBytes, maxTextRuns } = limits;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inflated = 0;
  let runs = 0;
  let at = 0;
  for (;;) {
    const keyword = buffer.indexOf("stream", at, "latin1");
    if (keyword < 0) break;
    at = keyword + 6;
    // "endstream" contains "stream"; so does a name like /XStream.
    if (keyword >= 3 && buffer.toString("latin1", keyword - 3, keyword) === "end") continue;
    const start = dataStart(buffer, at);
    if (start < 0) continue;
    const dictionary = latin1.decode(buffer.subarray(Math.max(0, keyword - dictionaryWindow), keyword));
    const objectStart = dictionary.lastIndexOf("obj");
    const own = objectStart >= 0 ? dictionary.slice(objectStart) : dictionary;
    if (/\/Subtype\s*\/Image/.test(own)) continue;
    const flate = /\/FlateDecode|\/Fl\b/.test(own);
    if (!flate && /\/Filter/.test(own)) continue;
    const end = buffer.indexOf("endstream", start, "latin1");
    const data = buffer.subarray(start, end < 0 ? buffer.length : end);
    at = end < 0 ? buffer.length : end + 9;
    const content = flate ? inflate(data, maxInflatedBytes - inflated) : data;
    if (content === null) throw tooMuchContent(maxInflatedBytes);
    inflated += flate ? content.length : 0;
    // Each text-showing operator becomes a run pdfjs must place; hundreds of thousands take seconds to lay out.
    runs += countTextOperators(content);
    if (runs > maxTextRuns) throw tooManyRuns(maxTextRuns);
  }
  return { inflatedBytes: inflated, textRuns: runs };
}

/** Tj, TJ, ' and " show text; only Tj and TJ are counted, the quote forms being rare and ambiguous in binary. */
function countTextOperators(data: Buffer): number {
  let count = 0;
  for (const operator of ["Tj", "TJ"]) {
    for (let at = data.indexOf(operator, 0, "latin1"); at >= 0; at = data.indexOf(operator, at + 2, "latin1")) count++;
  }
  return count;
}

/** The stream's data starts after the end of line that follows the keyword. */
function dataStart(buffer: Buffer, after: number): number {
  if (buffer[after] === 0x0d && buffer[after + 1] === 0x0a) return after + 2;
  if (buffer[after] === 0x0a || buffer[after] === 0x0d) return after + 1;
  return -1;
}

/** The stream inflated, or null past `limit`. Damaged data counts as empty: pdfjs will judge it. */
function inflate(data: Buffer, limit: number): Buffer | null {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, limit), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return null;
    return Buffer.alloc(0);
  }
}

export function tooManyRuns(limit: number): IntakeError {
  return new IntakeError(
    "too_large",
    `The PDF places its text in more than ${limit.toLocaleString("en")} separate pieces, the limit, far more than any invoice or order. Print it to a new PDF or split it, and upload again.`,
    { maxPdfTextRuns: limit },
  );
}

function tooMuchContent(limit: number): IntakeError {
  return new IntakeError(
    "decompression_bomb",
    `The PDF's pages unpack to more than ${formatBytes(limit)} of content, the limit, which no invoice or order needs. Print it to a new PDF or re-export it from the original program, and upload again.`,
    { maxPdfInflatedBytes: limit },
  );
}
