import type { ExtractedText } from "../documents/types";

// C0 controls other than tab, line feed, form feed and carriage return, and UTF-16 surrogates without their pair.
const refused =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters this function exists to replace
  /[\u0000-\u0008\u000b\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

/**
 * Text as PostgreSQL will store it: NUL (which neither text nor jsonb accepts), the other C0 controls a reader
 * never sees, and lone surrogates (which jsonb refuses) become one character each — a space for a control, U+FFFD
 * for a broken surrogate — so every offset into the text (spans, evidence) still points where it did.
 */
export function storableText(text: string): string {
  return text.replace(refused, (ch) => (ch.charCodeAt(0) < 0x20 ? " " : "\ufffd"));
}

/** A document's extracted text from any source, every string in it made storable. */
export function storableExtractedText(text: ExtractedText): ExtractedText {
  return {
    ...text,
    pages: text.pages.map((page) => ({
      ...page,
      text: storableText(page.text),
      spans: page.spans.map((span) => ({ ...span, text: storableText(span.text) })),
    })),
    warnings: text.warnings.map(storableText),
  };
}
