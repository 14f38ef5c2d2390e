/**
 * How far the deterministic extractor's confidences can be trusted, and why invoices do not post on their own:
 * `npx tsx evals/calibration.ts [--layouts text,pdf] [--only held-out-1-] [--routes]`.
 *
 * Per field and confidence band it counts the fixture values read right and wrong (a value not read at all is
 * "missed": the required-fields rule asks for it, no threshold does), and for the amounts it splits each band by
 * whether the document's arithmetic corroborates them. `--routes` lists every invoice's route with its first reason.
 *
 * The fixtures written before the extractor's last change were tuned on, so the current extractor is rarely wrong on
 * them: the honest evidence of where wrong values sit is a batch scored before tuning. To get it, run this script in a
 * worktree of the commit that added the batch (the extractor as it was before anyone tuned it on that batch):
 *   git worktree add /tmp/untuned 97916b4 && cp evals/calibration.ts /tmp/untuned/evals/ && ln -s "$PWD/node_modules" /tmp/untuned/
 *   (cd /tmp/untuned && npx tsx evals/calibration.ts --only held-out-1-)
 */
import { extractDeterministic } from "@/ai/deterministic/extract";
import { expectations, type Expected } from "@/ai/deterministic/fixtures/expected";
import { loose } from "@/ai/deterministic/fixtures/compare";
import { loadFixture, pdfLike } from "@/ai/deterministic/fixtures/load";
import { throughOcr, throughPdf } from "@/ai/deterministic/fixtures/pdf";
import type { ExtractedText } from "@/domain/documents/types";
import type { Extraction, Field } from "@/domain/documents/types";
import { confidenceFields, defaultThresholds, type ConfidenceField } from "@/domain/thresholds";
import { routeOffline, vendorMasterFrom, type StpOutcome } from "./stp";

type Layout = "text" | "pdf" | "flat" | "real-pdf" | "ocr";
type Outcome = "right" | "wrong" | "missed";
type Observation = {
  field: string;
  confidence: number;
  outcome: Outcome;
  corroborated: boolean;
  file: string;
  detail: string;
};

const bandWidth = 0.05;
const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const layouts = (argument("--layouts") ?? "text,pdf").split(",") as Layout[];
const only = argument("--only");

/** The fields a threshold names directly: document class, bank details and lines are read separately below. */
const headerKeys = confidenceFields.filter(
  (f): f is Exclude<ConfidenceField, "documentClass" | "bankDetails" | `lines.${string}`> =>
    f !== "documentClass" && f !== "bankDetails" && !f.startsWith("lines."),
);
const bankKeys = ["iban", "accountNumber", "sortCode", "bic", "accountName"] as const;
const looseKeys = new Set(["vendorName", "paymentTerms", "accountName"]);
const amountKeys = new Set(["subtotalMinor", "taxMinor", "totalMinor"]);

/**
 * Subtotal + tax = total, and the lines (when any were read) add up to the subtotal: two independent readings of the
 * same money agree. Mirrors `amountsCorroborated` in the rules when that exists; kept local so the script runs on an
 * older tree too.
 */
function corroborates(extraction: Extraction): boolean {
  const { subtotalMinor, taxMinor, totalMinor, lines } = extraction.fields;
  const tolerance = defaultThresholds.arithmeticToleranceMinor;
  if (subtotalMinor.value === null || taxMinor.value === null || totalMinor.value === null) return false;
  if (Math.abs(subtotalMinor.value + taxMinor.value - totalMinor.value) > tolerance.total) return false;
  if (lines.length === 0) return true;
  const amounts = lines.map((l) => l.amountMinor.value);
  if (amounts.some((a) => a === null)) return false;
  const sum = amounts.reduce<number>((s, a) => s + (a ?? 0), 0);
  return Math.abs(sum - subtotalMinor.value) <= tolerance.subtotal;
}

function observe(file: string, extraction: Extraction, expected: Expected): Observation[] {
  const corroborated = corroborates(extraction);
  const out: Observation[] = [];
  const add = (field: string, got: Field<unknown> | null, gotValue: unknown, want: unknown) => {
    const confidence = got?.confidence ?? 0;
    const ok = looseKeys.has(field)
      ? loose(gotValue) === loose(want)
      : JSON.stringify(gotValue ?? null) === JSON.stringify(want);
    const outcome: Outcome = ok ? "right" : gotValue === null || gotValue === undefined ? "missed" : "wrong";
    out.push({
      field,
      confidence,
      outcome,
      corroborated,
      file,
      detail: `expected ${JSON.stringify(want)}, got ${JSON.stringify(gotValue)}`,
    });
  };
  add("documentClass", extraction.documentClass, extraction.documentClass.value, expected.documentClass);
  for (const key of headerKeys) {
    if (!(key in expected)) continue;
    const field = extraction.fields[key] as Field<unknown>;
    // A field the fixture says is absent and the extractor left empty tells nothing about confidence.
    if (expected[key] === null && field.value === null) continue;
    add(key, field, field.value, expected[key]);
  }
  const bank = extraction.fields.bankDetails;
  for (const key of bankKeys) {
    if (!(key in expected)) continue;
    const value = bank.value?.[key] ?? null;
    if (expected[key] === null && value === null) continue;
    add(`bankDetails.${key}`, bank, value, expected[key]);
  }
  const lines = extraction.fields.lines;
  expected.lineDescriptions?.forEach((want, i) => {
    const line = lines[i];
    add("lines.description", line?.description ?? null, line?.description.value ?? null, want);
  });
  expected.lineUnitPrices?.forEach((want, i) => {
    const line = lines[i];
    add("lines.unitPriceMinor", line?.unitPriceMinor ?? null, line?.unitPriceMinor.value ?? null, want);
  });
  return out;
}

/** The layouts of `ai/deterministic/score.ts`, loaded directly so the script also runs on trees older than it. */
async function fixtureText(file: string, layout: Layout): Promise<ExtractedText | null> {
  if (layout === "real-pdf") return throughPdf(file);
  if (layout === "ocr") return throughOcr(file);
  const text = loadFixture(file);
  return layout === "pdf" || layout === "flat" ? pdfLike(text, { boxes: layout === "pdf" }) : text;
}

const bandOf = (confidence: number): number => Math.min(Math.floor(confidence / bandWidth + 1e-9), 1 / bandWidth - 1);
const bandLabel = (band: number): string => `${(band * bandWidth).toFixed(2)}–${((band + 1) * bandWidth).toFixed(2)}`;

function printCalibration(observations: Observation[]): void {
  const fields = [...new Set(observations.map((o) => o.field))];
  console.log(
    `\nValues right/wrong per confidence band, with how many distinct fixtures they come from (the layouts repeat a document); "corr" splits the amounts by whether the arithmetic checks out.`,
  );
  for (const field of fields) {
    const mine = observations.filter((o) => o.field === field && o.outcome !== "missed");
    const missed = observations.filter((o) => o.field === field && o.outcome === "missed").length;
    const bands = [...new Set(mine.map((o) => bandOf(o.confidence)))].sort((a, b) => b - a);
    const cells = bands.map((band) => {
      const inBand = mine.filter((o) => bandOf(o.confidence) === band);
      const count = (os: Observation[]) =>
        `${String(os.filter((o) => o.outcome === "right").length)}/${String(os.filter((o) => o.outcome === "wrong").length)}`;
      const split = amountKeys.has(field)
        ? ` [corr ${count(inBand.filter((o) => o.corroborated))}, not ${count(inBand.filter((o) => !o.corroborated))}]`
        : "";
      const documents = new Set(inBand.map((o) => o.file.replace(/ \[.*\]$/u, ""))).size;
      return `${bandLabel(band)}: ${count(inBand)} (${String(documents)} docs)${split}`;
    });
    const wrong = mine.filter((o) => o.outcome === "wrong");
    const highestWrong = wrong.length ? Math.max(...wrong.map((o) => o.confidence)) : null;
    const threshold = (defaultThresholds.confidence as Record<string, number>)[
      field.startsWith("bankDetails") ? "bankDetails" : field
    ];
    console.log(
      `${field.padEnd(26)} threshold ${threshold === undefined ? "-   " : threshold.toFixed(2)}  highest wrong ${highestWrong === null ? "none" : highestWrong.toFixed(2)}  missed ${String(missed)}`,
    );
    console.log(`    ${cells.join("  ") || "no values read"}`);
  }
  const wrong = observations.filter((o) => o.outcome === "wrong").sort((a, b) => b.confidence - a.confidence);
  if (wrong.length) console.log(`\nWrong values, most confident first:`);
  for (const o of wrong)
    console.log(
      `  ${o.confidence.toFixed(2)} ${o.field} ${o.file}${o.corroborated ? " (arithmetic checks out)" : ""}: ${o.detail}`,
    );
}

function printRoutes(outcomes: (StpOutcome & { layout: Layout })[], list: boolean): void {
  const posted = outcomes.filter((o) => o.taskType === null);
  console.log(
    `\nRoutes: ${String(posted.length)}/${String(outcomes.length)} invoices post on their own, ${String(posted.filter((o) => o.wrong.length).length)} of them wrong.`,
  );
  const byCause = new Map<string, number>();
  for (const o of outcomes) {
    if (o.taskType === null) continue;
    // The cause without its numbers, so "issue date (77 %" and "(72 %" count together.
    const cause = `${o.taskType}: ${(o.reasons[0] ?? "").replace(/\(\d+ %(, needs \d+ %)?\)/gu, "(…)").slice(0, 110)}`;
    byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
  }
  for (const [cause, n] of [...byCause].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(3)}  ${cause}`);
  if (!list) return;
  for (const o of outcomes) {
    const wrong = o.wrong.length ? `  WRONG ${o.wrong.map((c) => c.field).join(", ")}` : "";
    console.log(
      `  [${o.layout}] ${o.file}: ${o.taskType ?? "auto_post"}${o.reasons[0] ? ` — ${o.reasons[0]}` : ""}${wrong}`,
    );
  }
}

async function main(): Promise<void> {
  const chosen = only ? expectations.filter((e) => e.file.startsWith(only)) : expectations;
  const vendors = vendorMasterFrom(expectations);
  const knownVendors = vendors.map((v) => ({
    name: v.name,
    aliases: v.aliases,
    ...(v.taxId ? { taxId: v.taxId } : {}),
  }));
  const observations: Observation[] = [];
  const routes: (StpOutcome & { layout: Layout })[] = [];
  for (const layout of layouts) {
    for (const e of chosen) {
      const text = await fixtureText(e.file, layout);
      if (!text) continue;
      // Read as the pipeline reads a known vendor's invoice: with the vendor master as hints.
      observations.push(...observe(`${e.file} [${layout}]`, extractDeterministic(text, { knownVendors }), e));
      if (e.documentClass === "invoice") routes.push({ ...routeOffline(text, e, vendors), layout });
    }
  }
  console.log(`${String(chosen.length)} fixtures${only ? ` starting ${only}` : ""}, layouts ${layouts.join(", ")}.`);
  printCalibration(observations);
  printRoutes(routes, process.argv.includes("--routes"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
