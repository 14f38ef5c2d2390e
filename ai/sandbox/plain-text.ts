import type { ExtractTextResult } from "@/ai/text";
import { extractPlainText } from "@/ai/text/text";
import { storableExtractedText } from "@/domain/parse/storable-text";
import type { SniffedKind } from "@/intake/sniff";

/**
 * Plain text up to this size is read in the calling process. Reading it is no parsing: the platform's TextDecoder
 * and two single-pass replaces, linear in the bytes with nothing a file can steer into a loop or a blow-up, and
 * the server has already decoded a sample of the same bytes to sniff their type. A megabyte costs a few
 * milliseconds and a few megabytes here, less than the round trip to a reader; beyond it the reader's time and
 * memory budgets apply as to every other file.
 */
export const plainTextHereMaxBytes = 1024 * 1024;

/** The text of a small plain-text file, as `extractText` gives it; null for anything a reader must read. */
export function readPlainTextHere(bytes: Uint8Array, kind: SniffedKind): ExtractTextResult | null {
  if (kind !== "text" || bytes.byteLength > plainTextHereMaxBytes) return null;
  return { text: storableExtractedText(extractPlainText(bytes)), attachments: [] };
}
