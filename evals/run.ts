import fs from "node:fs";
import path from "node:path";
import { scoreFixtures, type Layout } from "@/ai/deterministic/score";

/**
 * `npm run eval`: scores the offline chain on the frozen fixtures per field and layout, compares with the committed
 * baseline, and fails when any field got worse. `--update` writes the current scores as the new baseline.
 */
const baselineFile = path.resolve(import.meta.dirname, "baseline.json");
const layouts: Layout[] = ["text", "pdf", "flat", "real-pdf"];
type Scores = Record<string, Record<string, number>>;

async function main() {
  const current: Scores = {};
  for (const layout of layouts) {
    const { fields } = await scoreFixtures(layout);
    current[layout] = Object.fromEntries(fields.map((f) => [f.field, Math.round((f.correct / f.total) * 10_000) / 10_000]));
  }
  if (process.argv.includes("--update") || !fs.existsSync(baselineFile)) {
    fs.writeFileSync(baselineFile, `${JSON.stringify(current, null, 2)}\n`);
    console.log(`Baseline written to ${path.relative(process.cwd(), baselineFile)}.`);
    return;
  }
  const baseline = JSON.parse(fs.readFileSync(baselineFile, "utf8")) as Scores;
  const regressions: string[] = [];
  for (const [layout, fields] of Object.entries(baseline)) {
    for (const [field, was] of Object.entries(fields)) {
      const now = current[layout]?.[field] ?? 0;
      const mark = now < was ? "  ← worse" : now > was ? "  (better)" : "";
      console.log(`${layout.padEnd(9)} ${field.padEnd(16)} ${(now * 100).toFixed(1).padStart(6)} %  (baseline ${(was * 100).toFixed(1)} %)${mark}`);
      if (now < was) regressions.push(`${layout}/${field}: ${(was * 100).toFixed(1)} % → ${(now * 100).toFixed(1)} %`);
    }
  }
  if (regressions.length) {
    console.error(`\nRegressions against evals/baseline.json:\n  ${regressions.join("\n  ")}`);
    process.exit(1);
  }
  console.log("\nNo field got worse.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
