/**
 * Per-field accuracy of the deterministic extractor over the hand-written fixtures: `tsx ai/deterministic/score.ts`.
 * A figure to watch, not a test; `--verbose` lists every miss.
 */
import { extractDeterministic } from "./extract";
import { compare, type Check } from "./fixtures/compare";
import { expectations } from "./fixtures/expected";
import { loadFixture } from "./fixtures/load";

export type FieldScore = { field: string; correct: number; total: number };

export function scoreFixtures(): { fields: FieldScore[]; misses: (Check & { file: string })[] } {
  const byField = new Map<string, FieldScore>();
  const misses: (Check & { file: string })[] = [];
  for (const expected of expectations) {
    const extraction = extractDeterministic(loadFixture(expected.file));
    for (const check of compare(extraction, expected)) {
      const score = byField.get(check.field) ?? { field: check.field, correct: 0, total: 0 };
      score.total += 1;
      if (check.ok) score.correct += 1;
      else misses.push({ ...check, file: expected.file });
      byField.set(check.field, score);
    }
  }
  return { fields: [...byField.values()], misses };
}

function main(): void {
  const { fields, misses } = scoreFixtures();
  const pct = (c: number, t: number): string => `${((100 * c) / t).toFixed(1)}%`.padStart(7);
  console.log(`${"field".padEnd(16)} accuracy   n`);
  for (const f of fields) console.log(`${f.field.padEnd(16)} ${pct(f.correct, f.total)}  ${String(f.correct)}/${String(f.total)}`);
  const correct = fields.reduce((a, f) => a + f.correct, 0);
  const total = fields.reduce((a, f) => a + f.total, 0);
  console.log(`${"overall".padEnd(16)} ${pct(correct, total)}  ${String(correct)}/${String(total)}`);
  if (process.argv.includes("--verbose")) {
    for (const m of misses) console.log(`miss ${m.file} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) main();
