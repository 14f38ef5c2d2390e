import type { ExtractedText } from "@/domain/documents/types";
import { IntakeError } from "@/intake/errors";
import { imageSize } from "@/intake/image-size";
import { checkImagePixels, resolveLimits, type IntakeLimits } from "@/intake/limits";
import { storableExtractedText } from "@/domain/parse/storable-text";
import type { SniffedKind } from "@/intake/sniff";

import { extractEmail, type Attachment } from "./email";
import { ocrReadyImage } from "./image";
import { ocrImage, unscaleSpans } from "./ocr";
import { extractPdf } from "./pdf";
import { extractCsv, extractXlsx } from "./sheet";
import { extractPlainText } from "./text";

export type { Attachment } from "./email";
export { terminateOcrWorker } from "./ocr";
export { TimeoutError } from "@/lib/timeout";

export type ExtractTextOptions = {
  limits?: Partial<IntakeLimits>;
  /** For each OCR'd image or page. */
  ocrTimeoutMs?: number;
  /** Pages of one PDF read by OCR; scanned pages beyond are left empty with a warning. */
  maxOcrPages?: number;
};

export type ExtractTextResult = { text: ExtractedText; attachments: Attachment[] };

/**
 * The text of a document, per page, with positions where the format has them (PDF points or image pixels,
 * top-left origin). Throws IntakeError for what no retry can fix (damaged, encrypted, over a limit) and
 * TimeoutError when a step ran too long (worth a retry).
 */
export async function extractText(
  bytes: Uint8Array,
  kind: SniffedKind,
  options: ExtractTextOptions = {},
): Promise<ExtractTextResult> {
  const result = await readText(bytes, kind, options);
  // Whatever the source, the extractor reads the text exactly as it will be stored.
  return { ...result, text: storableExtractedText(result.text) };
}

async function readText(bytes: Uint8Array, kind: SniffedKind, options: ExtractTextOptions): Promise<ExtractTextResult> {
  const limits = resolveLimits(options.limits);
  switch (kind) {
    case "pdf":
      return {
        text: await extractPdf(bytes, { limits, maxOcrPages: options.maxOcrPages, ocrTimeoutMs: options.ocrTimeoutMs }),
        attachments: [],
      };
    case "png":
    case "jpeg":
      return { text: await extractImage(bytes, limits, options.ocrTimeoutMs), attachments: [] };
    case "eml":
      return extractEmail(bytes, { limits });
    case "csv":
      return { text: extractCsv(bytes), attachments: [] };
    case "xlsx":
      return { text: await extractXlsx(bytes, { limits }), attachments: [] };
    case "text":
      return { text: extractPlainText(bytes), attachments: [] };
  }
}

async function extractImage(
  bytes: Uint8Array,
  limits: IntakeLimits,
  timeoutMs: number | undefined,
): Promise<ExtractedText> {
  const size = imageSize(bytes);
  if (!size)
    throw new IntakeError(
      "unreadable",
      "The image is damaged or cut off. Save it again as PNG or JPEG and upload it again.",
    );
  checkImagePixels(size, limits);
  const ready = await ocrReadyImage(bytes);
  const result = await ocrImage(ready.image, { timeoutMs });
  const warnings =
    result.confidence < 0.6 && result.text !== ""
      ? [`The image is hard to read: OCR confidence ${Math.round(result.confidence * 100)}%.`]
      : [];
  if (result.text === "") warnings.push("No text was found in the image.");
  return {
    source: "ocr",
    pages: [
      {
        page: 1,
        text: result.text,
        spans: unscaleSpans(result.spans, ready.scale),
        width: ready.width,
        height: ready.height,
      },
    ],
    warnings,
  };
}
