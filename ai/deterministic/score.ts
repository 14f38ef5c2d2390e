/**
 * Per-field accuracy of the deterministic extractor over the hand-written fixtures: `tsx ai/deterministic/score.ts`.
 * A figure to watch, not a test; `--verbose` lists every miss.
 */
import { extractDeterministic } from "./extract";
import { compare, type Check } from "./fixtures/compare";
import { expectations } from "./fixtures/expected";
import { loadFixture, pdfLike } from "./fixtures/load";
import { throughOcr, throughPdf } from "./fixtures/pdf";

export type FieldScore = { field: string; correct: number; total: number };

export type Layout = "text" | "pdf" | "flat" | "real-pdf" | "ocr";

/**
 * Scores every fixture as written ("text"), as a PDF text layer would give it ("pdf": two-space column gaps and
 * word boxes), as that text without any positions ("flat"), or printed into a real PDF and read back through
 * Keel's text extraction ("real-pdf"; fixtures the standard fonts cannot encode are left out), or rendered as a
 * scan and read by OCR ("ocr", slow: only with `--ocr`).
 */
export async function scoreFixtures(layout: Layout = "text"): Promise<{ fields: FieldScore[]; misses: (Check & { file: string })[] }> {
  const byField = new Map<string, FieldScore>();
  const misses: (Check & { file: string })[] = [];
  for (const expected of expectations) {
    const text = layout === "real-pdf" ? await throughPdf(expected.file) : layout === "ocr" ? await throughOcr(expected.file) : loadFixture(expected.file);
    if (!text) continue;
    const extraction = extractDeterministic(layout === "pdf" || layout === "flat" ? pdfLike(text, { boxes: layout === "pdf" }) : text);
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

async function main(): Promise<void> {
  const layouts: Layout[] = ["text", "pdf", "flat", "real-pdf", ...(process.argv.includes("--ocr") ? (["ocr"] as const) : [])];
  const runs = [];
  for (const layout of layouts) runs.push({ layout, ...(await scoreFixtures(layout)) });
  const pct = (s: FieldScore | undefined): string => (s ? `${((100 * s.correct) / s.total).toFixed(1)}%` : "-").padStart(7);
  const sum = (fs: FieldScore[]): FieldScore => ({ field: "overall", correct: fs.reduce((a, f) => a + f.correct, 0), total: fs.reduce((a, f) => a + f.total, 0) });
  console.log(`${"field".padEnd(16)} ${layouts.map((l) => l.padStart(8)).join(" ")}    n`);
  for (const f of runs[0]?.fields ?? []) {
    console.log(`${f.field.padEnd(16)} ${runs.map((r) => pct(r.fields.find((x) => x.field === f.field))).join("  ")}  ${String(f.total).padStart(3)}`);
  }
  const overall = runs.map((r) => sum(r.fields));
  console.log(`${"overall".padEnd(16)} ${overall.map(pct).join("  ")}  ${String(overall[0]?.total ?? 0).padStart(3)}`);
  if (process.argv.includes("--verbose")) {
    for (const r of runs) {
      for (const m of r.misses) console.log(`miss [${r.layout}] ${m.file} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
    }
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  await main();
  // The PDF reader keeps worker handles open; the figures are printed, so leave.
  process.exit(0);
}
