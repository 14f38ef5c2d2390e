import type { Evidence, TextPage } from "@/domain/documents/types";

/** One line of a page: `start`/`end` are offsets into the page text, columns are offsets into `text`. */
export type Line = { page: number; index: number; start: number; end: number; text: string };

/** Splits pages into lines, keeping each line's offset so evidence can point back into the page. */
export function toLines(pages: TextPage[]): Line[] {
  const lines: Line[] = [];
  for (const page of pages) {
    let start = 0;
    for (const text of page.text.split("\n")) {
      const clean = text.endsWith("\r") ? text.slice(0, -1) : text;
      lines.push({ page: page.page, index: lines.length, start, end: start + clean.length, text: clean });
      start += text.length + 1;
    }
  }
  return lines;
}

/** Evidence for columns [from, to) of a line; the page text holds exactly `text` at that span. */
export function evidenceAt(line: Line, from: number, to: number): Evidence {
  return { page: line.page, start: line.start + from, end: line.start + to, text: line.text.slice(from, to) };
}

/** A run of text in a line separated from its neighbours by wide gaps: one cell of a visual column layout. */
export type Segment = { start: number; end: number; text: string };

export function segments(line: Line): Segment[] {
  const out: Segment[] = [];
  for (const m of line.text.matchAll(/\S+(?: {1,2}\S+)*/gu)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

export function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim() === "";
}
