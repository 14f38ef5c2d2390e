export const csvDelimiters = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/**
 * The delimiter that splits the first lines into the same number (two or more) of fields most consistently, or
 * null when the text does not read as a table. Quotes are honoured so "1,5" in a semicolon file stays one field.
 */
export function detectDelimiter(text: string, sampleLines = 50): CsvDelimiter | null {
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
    if (consistent < 0.8) continue;
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
