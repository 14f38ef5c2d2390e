export const csvDelimiters = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/**
 * The delimiter that splits the first lines into the same number (two or more) of fields most consistently, or
 * null when the text does not read as a table. A file known to be CSV can pass a lower `minConsistency`, since
 * a header block ("PO number;4471") above the table has fewer fields. Quotes are honoured so "1,5" in a semicolon file stays one field.
 */
export function detectDelimiter(
  text: string,
  options: { sampleLines?: number; minConsistency?: number } = {},
): CsvDelimiter | null {
  const { sampleLines = 50, minConsistency = 0.8 } = options;
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((line) => line.trim() !== "")
    .slice(0, sampleLines);
  if (lines.length < 2) return null;
  let best: { delimiter: CsvDelimiter; score: number } | null = null;
  for (const delimiter of csvDelimiters) {
    const counts = lines.map((line) => splitFields(line, delimiter));
    const mode = mostCommon(counts.map((fields) => fields.length));
    if (mode < 2) continue;
    const consistent = counts.filter((fields) => fields.length === mode).length / counts.length;
    // Three or more columns agreeing is a table even under a header block of shorter lines.
    if (consistent < minConsistency && !(mode >= 3 && consistent >= 0.6)) continue;
    // Prose has commas too; its "fields" are long sentences, a table's are short values.
    const cells = counts.flat();
    const averageLength = cells.reduce((sum, cell) => sum + cell.trim().length, 0) / cells.length;
    if (averageLength > 60) continue;
    const score = consistent * 10 + Math.min(mode, 20);
    if (!best || score > best.score) best = { delimiter, score };
  }
  return best?.delimiter ?? null;
}

function splitFields(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (char === delimiter && !quoted) {
      fields.push(current);
      current = "";
    } else current += char;
  }
  fields.push(current);
  return fields;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > bestCount || (count === bestCount && value > best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
