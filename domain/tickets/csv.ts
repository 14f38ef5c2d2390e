/**
 * One CSV line's cells (RFC 4180 quoting: a quoted cell may hold commas, `""` is a quote), or null when a quote is
 * left open. Cells do not span lines: customer and order sheets never need a line break inside a cell. Linear.
 */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line.charAt(i + 1) === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === ",") {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell.trim());
  return cells;
}

/** A file's non-blank lines with their 1-based numbers, a byte-order mark and any line ending accepted. */
export function csvLines(text: string): { line: string; number: number }[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .map((line, i) => ({ line, number: i + 1 }))
    .filter((l) => l.line.trim() !== "");
}
