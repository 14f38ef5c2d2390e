import { allMatches } from "@/domain/parse/matches";
import type { Evidence, TextPage } from "@/domain/documents/types";

/**
 * One line of a page: `start`/`end` are offsets into the page text, columns are offsets into `text`. `x` maps a
 * column to a horizontal position: the span boxes where the text layer or OCR gave them (PDF text joins columns
 * with two spaces, so characters do not line up), else the column itself; `charWidth` is in the same unit.
 */
export type Line = {
  page: number;
  index: number;
  start: number;
  end: number;
  text: string;
  x: (column: number) => number;
  charWidth: number;
};

/** Splits pages into lines, keeping each line's offset so evidence can point back into the page. */
export function toLines(pages: TextPage[]): Line[] {
  const lines: Line[] = [];
  for (const page of pages) {
    const { x, charWidth } = horizontal(page);
    const boxed = page.spans.some((s) => s.box && s.end > s.start);
    let start = 0;
    for (const text of page.text.split("\n")) {
      const clean = text.endsWith("\r") ? text.slice(0, -1) : text;
      const lineStart = start;
      // Without boxes the position is the column itself; looking back for the line start cost a line per call.
      const position = boxed ? (column: number) => x(lineStart + column) : (column: number) => column;
      lines.push({
        page: page.page,
        index: lines.length,
        start,
        end: start + clean.length,
        text: clean,
        x: position,
        charWidth,
      });
      start += text.length + 1;
    }
  }
  return lines;
}

function horizontal(page: TextPage): { x: (offset: number) => number; charWidth: number } {
  const boxed = page.spans.filter((s) => s.box && s.end > s.start).sort((a, b) => a.start - b.start);
  if (boxed.length === 0) return { x: (offset) => columnOf(page.text, offset), charWidth: 1 };
  const widths = boxed.map((s) => (s.box?.width ?? 0) / (s.end - s.start));
  const charWidth = widths.reduce((a, b) => a + b, 0) / widths.length || 1;
  return {
    charWidth,
    x: (offset) => {
      // The span holding the offset, or the nearest one before it on the page (binary search: pages run long).
      let lo = 0;
      let hi = boxed.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((boxed[mid]?.start ?? 0) <= offset) lo = mid;
        else hi = mid - 1;
      }
      const best = boxed[lo];
      if (!best?.box) return 0;
      const share = best.box.width / Math.max(1, best.end - best.start);
      return best.box.x + share * Math.min(Math.max(0, offset - best.start), best.end - best.start);
    },
  };
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf("\n", offset - 1) + 1);
}

/** Evidence for columns [from, to) of a line; the page text holds exactly `text` at that span. */
export function evidenceAt(line: Line, from: number, to: number): Evidence {
  return { page: line.page, start: line.start + from, end: line.start + to, text: line.text.slice(from, to) };
}

/** A run of text in a line separated from its neighbours by wide gaps: one cell of a visual column layout. */
export type Segment = { start: number; end: number; text: string };

export function segments(line: Line): Segment[] {
  const out: Segment[] = [];
  for (const m of allMatches(/\S+(?: \S+)*/gu, line.text)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

export function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim() === "";
}
