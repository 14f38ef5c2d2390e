import type { Evidence, ExtractedText, Extraction, Field, PageBox, TextPage, TextSpan } from "./types";

type Rect = { x: number; y: number; width: number; height: number };

/**
 * The outline of characters `start`..`end` of a page, one box per line they cover, as fractions of the page.
 * Empty when the page has no size or no span there has a position (email, CSV, a text layer without boxes).
 */
export function evidenceBoxes(page: TextPage, range: { start: number; end: number }): PageBox[] {
  const { width, height } = page;
  if (!width || !height || range.end <= range.start) return [];
  const pieces = page.spans.flatMap((span) => {
    const piece = spanPiece(span, range);
    return piece ? [piece] : [];
  });
  return joinLines(pieces).map((rect) => normalise(rect, width, height));
}

/** The part of a span's box that the range covers, by character share: the text layer places runs, not glyphs. */
function spanPiece(span: TextSpan, range: { start: number; end: number }): Rect | null {
  const from = Math.max(range.start, span.start);
  const to = Math.min(range.end, span.end);
  if (!span.box || to <= from || span.end <= span.start) return null;
  const share = span.box.width / (span.end - span.start);
  return {
    x: span.box.x + share * (from - span.start),
    y: span.box.y,
    width: share * (to - from),
    height: span.box.height,
  };
}

/** Pieces whose vertical middles fall inside one another's height are one line, outlined as one box. */
function joinLines(pieces: Rect[]): Rect[] {
  const lines: Rect[] = [];
  for (const piece of [...pieces].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const middle = piece.y + piece.height / 2;
    const line = lines.find((l) => middle >= l.y && middle <= l.y + l.height);
    if (!line) {
      lines.push({ ...piece });
      continue;
    }
    const right = Math.max(line.x + line.width, piece.x + piece.width);
    const bottom = Math.max(line.y + line.height, piece.y + piece.height);
    line.x = Math.min(line.x, piece.x);
    line.y = Math.min(line.y, piece.y);
    line.width = right - line.x;
    line.height = bottom - line.y;
  }
  return lines;
}

function normalise(rect: Rect, width: number, height: number): PageBox {
  const x = clamp(rect.x / width);
  const y = clamp(rect.y / height);
  return {
    x: round(x),
    y: round(y),
    width: round(Math.min(clamp(rect.width / width), 1 - x)),
    height: round(Math.min(clamp(rect.height / height), 1 - y)),
  };
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));
const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** The boxes stored with the evidence, or, for an extraction stored before boxes were, computed from the text. */
export function boxesOf(evidence: Evidence, text: ExtractedText | undefined): PageBox[] {
  if (evidence.boxes) return evidence.boxes;
  const page = text?.pages.find((p) => p.page === evidence.page);
  return page ? evidenceBoxes(page, evidence) : [];
}

/** The extraction with every field's evidence outlined on its page: done once, where the extraction is stored. */
export function withEvidenceBoxes(extraction: Extraction, text: ExtractedText): Extraction {
  const outline = <T>(field: Field<T>): Field<T> => {
    if (!field.evidence) return field;
    const page = text.pages.find((p) => p.page === field.evidence?.page);
    return { ...field, evidence: { ...field.evidence, boxes: page ? evidenceBoxes(page, field.evidence) : [] } };
  };
  const { lines, ...header } = extraction.fields;
  const fields = Object.fromEntries(
    Object.entries(header).map(([name, field]) => [name, outline(field as Field<unknown>)]),
  ) as Omit<Extraction["fields"], "lines">;
  return {
    ...extraction,
    documentClass: outline(extraction.documentClass),
    fields: {
      ...fields,
      lines: lines.map((line) => ({
        description: outline(line.description),
        quantity: outline(line.quantity),
        unitPriceMinor: outline(line.unitPriceMinor),
        amountMinor: outline(line.amountMinor),
        ...(line.sku ? { sku: outline(line.sku) } : {}),
      })),
    },
  };
}
