import type { ExtractedText, TextPage } from "@/domain/documents/types";
import { decodeText } from "@/intake/encoding";

/** Plain text in UTF-8, UTF-16 or Windows-1252 (Latin-1); a form feed starts a new page, as printers treat it. */
export function extractPlainText(bytes: Uint8Array): ExtractedText {
  const decoded = decodeText(bytes);
  // eslint-disable-next-line no-control-regex -- NULs and other C0 controls are noise a reader must not see
  const text = decoded.text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000e-\u001f]/g, "");
  const pages: TextPage[] = text
    .split("\f")
    .map((page, index) => ({ page: index + 1, text: page.replace(/^\n+/, "").trimEnd(), spans: [] }));
  const warnings =
    decoded.encoding === "windows-1252" ? ["The file is not UTF-8; it was read as Windows-1252 (Latin-1)."] : [];
  return { source: "text", pages, warnings };
}
