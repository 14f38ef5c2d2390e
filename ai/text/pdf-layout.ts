import type { TextSpan } from "@/domain/documents/types";

/** A run of text as the PDF places it: top-left origin, PDF points; `baseline` is the y of its baseline. */
export type PlacedRun = { text: string; x: number; baseline: number; width: number; fontSize: number };

/**
 * Turns a page's runs into reading-order text: runs whose baselines agree make a line (left to right), lines go
 * top to bottom. Words become spans with boxes; within a run a word's x is estimated from its character share,
 * since the text layer gives positions per run, not per glyph.
 */
export function layoutRuns(runs: PlacedRun[]): { text: string; spans: TextSpan[] } {
  const lines = groupLines(runs.filter((run) => run.text.trim() !== ""));
  let text = "";
  const spans: TextSpan[] = [];
  for (const line of lines) {
    if (text !== "") text += "\n";
    let previous: PlacedRun | null = null;
    for (const run of line) {
      if (previous) text += separator(previous, run);
      const runStart = text.length;
      text += run.text;
      for (const match of run.text.matchAll(/\S+/g)) {
        const share = run.width / Math.max(1, run.text.length);
        spans.push({
          text: match[0],
          start: runStart + match.index,
          end: runStart + match.index + match[0].length,
          box: {
            x: round(run.x + share * match.index),
            y: round(run.baseline - run.fontSize * 0.8),
            width: round(share * match[0].length),
            height: round(run.fontSize),
          },
        });
      }
      previous = run;
    }
  }
  return { text, spans };
}

function groupLines(runs: PlacedRun[]): PlacedRun[][] {
  const sorted = [...runs].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const lines: { baseline: number; fontSize: number; runs: PlacedRun[] }[] = [];
  for (const run of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(run.baseline - line.baseline) <= Math.min(run.fontSize, line.fontSize) * 0.4)
      line.runs.push(run);
    else lines.push({ baseline: run.baseline, fontSize: run.fontSize, runs: [run] });
  }
  return lines.map((line) => line.runs.sort((a, b) => a.x - b.x));
}

/** Nothing inside a word split into runs, a space between words, two spaces across a column gap. */
function separator(previous: PlacedRun, run: PlacedRun): string {
  const gap = run.x - (previous.x + previous.width);
  const em = Math.max(previous.fontSize, run.fontSize);
  if (gap > em * 1.5) return "  ";
  if (previous.text.endsWith(" ") || run.text.startsWith(" ")) return "";
  return gap > em * 0.12 ? " " : "";
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
