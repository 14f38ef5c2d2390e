/**
 * Per-field accuracy of the deterministic extractor over the hand-written fixtures: `tsx ai/deterministic/score.ts`.
 * A figure to watch, not a test; `--verbose` lists every miss.
 */
import type { ExtractedText } from "@/domain/documents/types";
import { extractDeterministic } from "./extract";
import { compare, type Check } from "./fixtures/compare";
import { expectations, type Expected } from "./fixtures/expected";
import { loadFixture, pdfLike } from "./fixtures/load";
import { throughOcr, throughPdf } from "./fixtures/pdf";

export type FieldScore = { field: string; correct: number; total: number };

export type Layout = "text" | "pdf" | "flat" | "real-pdf" | "ocr";

/** One fixture's checks in one layout. */
export type FixtureScore = { file: string; checks: Check[] };

/** A fixture's text as the layout gives it; null when the layout cannot render it (see `throughPdf`). */
export async function fixtureText(file: string, layout: Layout): Promise<ExtractedText | null> {
  if (layout === "real-pdf") return throughPdf(file);
  if (layout === "ocr") return throughOcr(file);
  const text = loadFixture(file);
  return layout === "pdf" || layout === "flat" ? pdfLike(text, { boxes: layout === "pdf" }) : text;
}

/**
 * Scores each fixture as written ("text"), as a PDF text layer would give it ("pdf": two-space column gaps and
 * word boxes), as that text without any positions ("flat"), or printed into a real PDF and read back through
 * Keel's text extraction ("real-pdf"; fixtures the standard fonts cannot encode are left out), or rendered as a
 * scan and read by OCR ("ocr", slow: only with `--ocr`).
 */
export async function scoreEachFixture(
  layout: Layout = "text",
  expected: readonly Expected[] = expectations,
): Promise<FixtureScore[]> {
  const scores: FixtureScore[] = [];
  for (const e of expected) {
    const text = await fixtureText(e.file, layout);
    if (text) scores.push({ file: e.file, checks: compare(extractDeterministic(text), e) });
  }
  return scores;
}

/** Per-field tallies over some fixtures' checks, fields in the order first met. */
export function tallyFields(scores: readonly FixtureScore[]): FieldScore[] {
  const byField = new Map<string, FieldScore>();
  for (const check of scores.flatMap((s) => s.checks)) {
    const score = byField.get(check.field) ?? { field: check.field, correct: 0, total: 0 };
    score.total += 1;
    if (check.ok) score.correct += 1;
    byField.set(check.field, score);
  }
  return [...byField.values()];
}

export function missesOf(scores: readonly FixtureScore[]): (Check & { file: string })[] {
  return scores.flatMap((s) => s.checks.filter((c) => !c.ok).map((c) => ({ ...c, file: s.file })));
}

export async function scoreFixtures(
  layout: Layout = "text",
): Promise<{ fields: FieldScore[]; misses: (Check & { file: string })[] }> {
  const scores = await scoreEachFixture(layout);
  return { fields: tallyFields(scores), misses: missesOf(scores) };
}

async function main(): Promise<void> {
  const layouts: Layout[] = [
    "text",
    "pdf",
    "flat",
    "real-pdf",
    ...(process.argv.includes("--ocr") ? (["ocr"] as const) : []),
  ];
  // `--only held-out-1-` scores one batch, e.g. a new one before any tuning.
  const only = process.argv[process.argv.indexOf("--only") + 1];
  const chosen =
    process.argv.includes("--only") && only ? expectations.filter((e) => e.file.startsWith(only)) : expectations;
  const runs = [];
  for (const layout of layouts) {
    const scores = await scoreEachFixture(layout, chosen);
    runs.push({ layout, fields: tallyFields(scores), misses: missesOf(scores) });
  }
  const pct = (s: FieldScore | undefined): string =>
    (s ? `${((100 * s.correct) / s.total).toFixed(1)}%` : "-").padStart(7);
  const sum = (fs: FieldScore[]): FieldScore => ({
    field: "overall",
    correct: fs.reduce((a, f) => a + f.correct, 0),
    total: fs.reduce((a, f) => a + f.total, 0),
  });
  console.log(`${"field".padEnd(16)} ${layouts.map((l) => l.padStart(8)).join(" ")}    n`);
  for (const f of runs[0]?.fields ?? []) {
    console.log(
      `${f.field.padEnd(16)} ${runs.map((r) => pct(r.fields.find((x) => x.field === f.field))).join("  ")}  ${String(f.total).padStart(3)}`,
    );
  }
  const overall = runs.map((r) => sum(r.fields));
  console.log(`${"overall".padEnd(16)} ${overall.map(pct).join("  ")}  ${String(overall[0]?.total ?? 0).padStart(3)}`);
  if (process.argv.includes("--verbose")) {
    for (const r of runs) {
      for (const m of r.misses)
        console.log(
          `miss [${r.layout}] ${m.file} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`,
        );
    }
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop() ?? "")) {
  await main();
  // The PDF reader keeps worker handles open; the figures are printed, so leave.
  process.exit(0);
}
