import { allMatches } from "@/domain/parse/matches";
import { Taken } from "@/domain/parse/taken";
import { isBlank, segments, type Line, type Segment } from "./lines";

/** A label pattern and how much a hit on it says on its own (1 for "Invoice No", less for a bare "Date"). */
export type Label = { re: RegExp; strength: number };

export type LabelHit = { line: Line; start: number; end: number; strength: number };

/** A candidate value inside a string: columns relative to that string. */
export type Candidate<T> = { start: number; end: number; value: T };
export type Reader<T> = (text: string) => Candidate<T>[];

/** A value read next to a label, with columns in `line` and how far it was from the label. */
export type Located<T> = { line: Line; start: number; end: number; value: T; confidence: number; label: LabelHit };

/** Builds a label regex: words joined by flexible spacing, not glued to other letters. */
export function label(source: string, strength = 1): Label {
  return { re: new RegExp(`(?<![\\p{L}\\d])(?:${withinCell(foldAccents(source))})(?![\\p{L}])`, "giu"), strength };
}

/**
 * A label's words sit in one cell: flexible spacing between them stops at a column gap (two spaces, as a PDF text
 * layer joins columns), so "Invoice Date     Due Date" is never read as the label "date due".
 */
function withinCell(source: string): string {
  return source.replaceAll(String.raw`\s*`, String.raw`(?:\s(?!\s))?`);
}

/**
 * Strips diacritics letter by letter, keeping the length (offsets must survive): OCR with English data reads
 * "Fällig" as "Fallig", and people type "Numero" for "Numéro". Labels are folded the same way.
 */
export function foldAccents(text: string): string {
  return text.replace(/[^\p{ASCII}]/gu, (ch) => {
    const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
    return base.length === 1 ? base : ch;
  });
}

const labelCache = new WeakMap<Line[], WeakMap<Label[], LabelHit[]>>();

/** Every hit of the labels in the lines, earlier labels first; cached per document, since many fields ask. */
export function findLabels(lines: Line[], labels: Label[]): LabelHit[] {
  let perDoc = labelCache.get(lines);
  if (!perDoc) {
    perDoc = new WeakMap();
    labelCache.set(lines, perDoc);
  }
  const cached = perDoc.get(labels);
  if (cached) return cached;
  const hits = scanLabels(lines, labels);
  perDoc.set(labels, hits);
  return hits;
}

/** OCR reads letters as digits ("T0TAL", "Subtota1", "N0"); labels are matched on a folded copy of the same length. */
export function foldOcr(text: string): string {
  return foldAccents(text)
    .replace(/(?<=\p{L})[01|]|[01|](?=\p{L})/gu, (ch) => (ch === "0" ? "o" : "l"))
    .replace(/\s{65,}/gu, (run) => run.slice(0, labelSpaces) + "\u00a4".repeat(run.length - labelSpaces));
}

/**
 * Labels allow any spacing between their words (`\s*-?\s*`), which backtracks quadratically over a long run of
 * spaces; runs longer than this are cut (with a same-length filler, so offsets hold), as no label spans them.
 */
const labelSpaces = 64;

function scanLabels(lines: Line[], labels: Label[]): LabelHit[] {
  const hits: LabelHit[] = [];
  const folded = lines.map((line) => foldOcr(line.text));
  const taken = new Map<Line, Taken>();
  for (const l of labels) {
    for (const line of lines) {
      for (const m of allMatches(l.re, folded[line.index] ?? line.text)) {
        const start = m.index;
        const end = start + m[0].length;
        let onLine = taken.get(line);
        if (!onLine) taken.set(line, (onLine = new Taken(line.text.length)));
        if (onLine.overlaps(start, end)) continue;
        onLine.take(start, end);
        hits.push({ line, start, end, strength: l.strength });
      }
    }
  }
  return hits;
}

const separators = /^[\s:#.\-–=|]*$/u;

/** A line of headings only (no digits, no "key: value") over a line with as many cells: a table's header row. */
function isHeaderRow(lines: Line[], line: Line): boolean {
  const cells = cellsOf(line);
  if (cells.length < 2 || /[\d:]/u.test(line.text)) return false;
  const next = lines.slice(line.index + 1, line.index + 3).find((l) => !isBlank(l));
  return next !== undefined && next.page === line.page && cellsOf(next).length === cells.length;
}

const cellCache = new WeakMap<Line, Segment[]>();

// Every label hit on a line asks for the cells of that line and the next: once per line keeps it linear.
function cellsOf(line: Line): Segment[] {
  let cells = cellCache.get(line);
  if (!cells) cellCache.set(line, (cells = segments(line)));
  return cells;
}

/**
 * How far right of a label, or into a cell below it, a value is looked for. Reading the whole rest of the line for
 * every hit made a line of repeated labels quadratic; no value sits this far from its label.
 */
export const valueReach = 1000;

/** The first cell at or after `column`, by binary search over a line's cells in order. */
function cellAt(cells: Segment[], column: number): number {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cells[mid]?.end ?? 0) <= column) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The value for a label: to its right on the same line (before the next wide gap that holds another label-like
 * word), else in the line below, in the same column. Confidence falls with distance and with words in between.
 */
export function valueNear<T>(lines: Line[], hit: LabelHit, read: Reader<T>): Located<T> | null {
  const line = hit.line;
  const right = line.text.slice(hit.end, hit.end + valueReach);
  const header = isHeaderRow(lines, line);
  for (const c of read(right)) {
    const gap = right.slice(0, c.start);
    // In a row of column headings ("PO Number  Vendor  Order Date"), the next cell is another heading, not a value.
    if (header && /\s{2,}/u.test(gap)) break;
    const clean = separators.test(gap);
    const wordsBetween = (gap.match(/\p{L}{2,}/gu) ?? []).length;
    if (!clean && wordsBetween > 2) break;
    const confidence = clean ? (gap.length > 30 ? 0.8 : 0.9) : 0.7;
    return {
      line,
      start: hit.end + c.start,
      end: hit.end + c.end,
      value: c.value,
      confidence: confidence * hit.strength,
      label: hit,
    };
  }
  // Below: the next one or two non-blank lines, the cell that overlaps the label's column.
  let looked = 0;
  for (let i = line.index + 1; i < lines.length && looked < 2; i++) {
    const below = lines[i];
    if (!below || below.page !== line.page) break;
    if (isBlank(below)) {
      if (looked === 0 && i === line.index + 1) continue;
      break;
    }
    looked += 1;
    const cells = cellsOf(below);
    // A row of labels over a row of values with as many cells: the same cell, even where characters do not line up.
    const labelCells = cellsOf(line);
    const at = cellAt(labelCells, hit.start);
    const index = (labelCells[at]?.start ?? Infinity) <= hit.start ? at : -1;
    if (looked === 1 && labelCells.length >= 2 && labelCells.length === cells.length && index >= 0) {
      const cell = cells[index];
      const [c] = cell ? read(cell.text.slice(0, valueReach)) : [];
      if (cell && c)
        return {
          line: below,
          start: cell.start + c.start,
          end: cell.start + c.end,
          value: c.value,
          confidence: 0.8 * hit.strength,
          label: hit,
        };
    }
    const labelEndsRow =
      line.text.slice(hit.end).trim() === "" || separators.test(line.text.slice(hit.end, hit.end + 3));
    const cw = below.charWidth;
    const [labelLeft, labelRight] = [line.x(hit.start), line.x(hit.end)];
    const alone = labelEndsRow && cells.length === 1 && hit.start < 8;
    // Cells run left to right, so those that overlap the label's columns are a run found by binary search.
    const ordered = !alone && leftToRight(below, cells);
    for (let k = ordered ? firstCellRightOf(below, cells, labelLeft - 4 * cw) : 0; k < cells.length; k++) {
      const cell = cells[k];
      if (!cell) break;
      const overlaps = below.x(cell.start) < labelRight + 12 * cw && below.x(cell.end) > labelLeft - 4 * cw;
      if (!overlaps && !alone) {
        if (ordered && below.x(cell.start) >= labelRight + 12 * cw) break;
        continue;
      }
      const [c] = read(cell.text.slice(0, valueReach));
      if (!c) continue;
      const aligned = Math.abs(below.x(cell.start + c.start) - labelLeft) <= 4 * cw;
      const confidence = (aligned ? 0.8 : 0.7) - 0.1 * (looked - 1);
      return {
        line: below,
        start: cell.start + c.start,
        end: cell.start + c.end,
        value: c.value,
        confidence: confidence * hit.strength,
        label: hit,
      };
    }
  }
  return null;
}

const orderCache = new WeakMap<Line, boolean>();

/** Whether the cells' positions grow from left to right, as they do unless a text layer gave boxes out of order. */
function leftToRight(line: Line, cells: Segment[]): boolean {
  let ordered = orderCache.get(line);
  if (ordered === undefined) {
    ordered = true;
    let last = -Infinity;
    for (const cell of cells) {
      const [from, to] = [line.x(cell.start), line.x(cell.end)];
      if (from < last || to < from) ordered = false;
      last = to;
    }
    orderCache.set(line, ordered);
  }
  return ordered;
}

/** The first cell whose right edge lies beyond `x`, on a line whose cells run left to right. */
function firstCellRightOf(line: Line, cells: Segment[], x: number): number {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const cell = cells[mid];
    if (cell && line.x(cell.end) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The best value over all hits of the first labels that yield one, strongest label first, then earliest. `keep`
 * refuses a value by where it was found (a "Date" column heading reads the first line item's date).
 */
export function locate<T>(
  lines: Line[],
  labels: Label[],
  read: Reader<T>,
  accept: (hit: LabelHit) => boolean = () => true,
  keep: (found: Located<T>) => boolean = () => true,
): Located<T> | null {
  const hits = findLabels(lines, labels).filter(accept);
  let best: Located<T> | null = null;
  for (const hit of hits) {
    const found = valueNear(lines, hit, read);
    if (found && keep(found) && (!best || found.confidence > best.confidence + 1e-9)) best = found;
  }
  return best;
}

/** Column headings of a line-item table: a value read below one is a line's, not the document's. */
const itemTableHeading =
  /(?<![\p{L}])(?:description|beschreibung|bezeichnung|leistung|artikel|d[ée]signation|descripci[oó]n|concepto|descrizione|omschrijving|nazwa|opis|beskrivelse|beskrivning|qty|quantity|menge|anzahl|cantidad|quantit[àé]|aantal|ilo[śs][ćc]|unit\s*price|einzelpreis)(?![\p{L}])/iu;

/** Keeps a value found outside the line-item table: not in one of its rows, not under one of its headings. */
export function outsideItemTable<T>(lineItemRows: ReadonlySet<number>): (found: Located<T>) => boolean {
  return (found) =>
    !lineItemRows.has(found.line.index) &&
    !(found.line !== found.label.line && itemTableHeading.test(found.label.line.text));
}
