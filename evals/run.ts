import fs from "node:fs";
import path from "node:path";
import {
  fixtureText,
  scoreEachFixture,
  tallyFields,
  type FieldScore,
  type FixtureScore,
  type Layout,
} from "@/ai/deterministic/score";
import { expectations } from "@/ai/deterministic/fixtures/expected";
import { extractDeterministic } from "@/ai/deterministic/extract";
import { scoreCase } from "@/ai/evals/score-case";
import { extractPrompt } from "@/ai/prompts";
import type { EvalCase } from "@/domain/evals/case";
import { env } from "@/lib/env";
import { ArgsError, parseEvalArgs, type EvalArgs } from "./args";
import { CaseFileError, caseFilesDir, readCaseFiles } from "./case-files";
import { tallies } from "./model-eval";
import { EvalRunError, runAnthropicEval, runRecordedEval } from "./model-run";
import { fieldTable } from "./table";
import { readProvenanceFacts } from "./git-provenance";
import { classifyFixtures, type FixtureSet, type ProvenanceFacts } from "./provenance";
import { headerFields, routeOffline, summariseStp, vendorMasterFrom, type StpOutcome } from "./stp";

/**
 * `npm run eval`: scores the offline chain on the frozen fixtures per field and layout, separately for fixtures
 * written before and after the extractor's last change, compares with the committed baseline, and routes every
 * invoice through the rules, risk and routing to measure straight-through posting. Fails when any field got worse
 * or any invoice would post on its own with a wrong header field. `--update` writes the current scores as the new
 * baseline; `--verbose` lists every miss of the held-out fixtures and every invoice's route. Every eval case file in
 * evals/cases/ (`--cases <dir>` instead) is scored too and shown on its own.
 *
 * `--provider anthropic` scores the current prompt on Claude (ANTHROPIC_API_KEY) over the same fixtures and case
 * files, and `--record` keeps its answers and scores for the prompt gate; `--provider recorded` replays them.
 */
const root = path.resolve(import.meta.dirname, "..");
const baselineFile = path.resolve(import.meta.dirname, "baseline.json");
const layouts: Layout[] = ["text", "pdf", "flat", "real-pdf"];
const stpLayouts: Layout[] = ["text", "pdf"];
/** Shown per set; the baseline holds every field. */
const shownFields = [...headerFields, "vendorTaxId", "dueDate"];
type Scores = Record<string, Record<string, number>>;

const pct = (correct: number, total: number): string => (total ? `${((100 * correct) / total).toFixed(1)} %` : "-");
let verbose = false;

async function main() {
  const args = parseEvalArgs(process.argv.slice(2));
  verbose = args.verbose;
  const caseFiles = readCaseFiles(args.cases ?? caseFilesDir);
  if (args.provider === "anthropic") await anthropicEval(args, caseFiles);
  else if (args.provider === "recorded") await runRecordedEval({ caseFiles, log: console.log });
  else await deterministicEval(args, caseFiles);
}

async function anthropicEval(args: EvalArgs, caseFiles: EvalCase[]): Promise<void> {
  const e = env();
  if (!e.ANTHROPIC_API_KEY)
    throw new EvalRunError(
      "ANTHROPIC_API_KEY is not set. Set it to score the prompt on Claude (ANTHROPIC_BASE_URL is honoured), or run npm run eval -- --provider recorded to replay the stored answers.",
    );
  await runAnthropicEval({
    caseFiles,
    log: console.log,
    apiKey: e.ANTHROPIC_API_KEY,
    baseURL: e.ANTHROPIC_BASE_URL,
    models: args.models ?? extractPrompt.testedWith,
    timeoutMs: e.KEEL_MODEL_TIMEOUT_MS,
    record: args.record,
    source: "anthropic",
  });
}

/** The case files on the deterministic extractor: shown, never held to the baseline (a promoted case is often one it misread). */
async function reportCaseFiles(caseFiles: EvalCase[]): Promise<void> {
  const results = [];
  for (const evalCase of caseFiles) {
    const score = await scoreCase(evalCase, (text) => Promise.resolve(extractDeterministic(text)));
    results.push({ id: score.id, kind: "file" as const, checks: score.checks, failure: null });
    if (verbose)
      for (const c of score.checks.filter((x) => !x.ok))
        console.log(
          `  miss ${score.id} ${c.field}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`,
        );
  }
  console.log(
    `\nEval case files: ${String(caseFiles.length)} case(s)${caseFiles.length ? `\n${fieldTable([{ name: "deterministic", tallies: tallies(results, "file") }])}` : " (none in the folder)"}`,
  );
}

async function deterministicEval(args: EvalArgs, caseFiles: EvalCase[]): Promise<void> {
  const facts = readProvenanceFacts(root);
  const provenance = classifyFixtures(facts);
  const sets: Record<FixtureSet, string[]> = { before: [], after: [] };
  for (const e of expectations) sets[provenance.setOf(e.file)].push(e.file);
  console.log(describeSets(facts, sets));
  if (provenance.note) console.log(provenance.note);

  const current: Scores = {};
  const heldOutSummary: string[] = [];
  for (const layout of layouts) {
    const scores = await scoreEachFixture(layout);
    current[layout] = Object.fromEntries(
      tallyFields(scores).map((f) => [f.field, Math.round((f.correct / f.total) * 10_000) / 10_000]),
    );
    const [before, after] = (["before", "after"] as const).map((set) =>
      tallyFields(scores.filter((s) => provenance.setOf(s.file) === set)),
    );
    console.log(`\n${layout.padEnd(16)} ${"before".padEnd(18)} after (held out)`);
    for (const field of shownFields)
      console.log(`${field.padEnd(16)} ${cell(before, field).padEnd(18)} ${cell(after, field)}`);
    if (layout === "text") heldOutSummary.push(summariseHeldOut(after ?? [], sets.after.length));
    if (verbose && layout === "text") listMisses(scores.filter((s) => provenance.setOf(s.file) === "after"));
  }
  console.log(`\n${heldOutSummary.join("")}`);

  const wrongPosts = await reportStraightThrough(provenance.setOf);
  await reportCaseFiles(caseFiles);

  let regressions: string[] = [];
  if (args.update || !fs.existsSync(baselineFile)) {
    fs.writeFileSync(baselineFile, `${JSON.stringify(current, null, 2)}\n`);
    console.log(`\nBaseline written to ${path.relative(process.cwd(), baselineFile)}.`);
  } else {
    regressions = compareWithBaseline(current, JSON.parse(fs.readFileSync(baselineFile, "utf8")) as Scores);
  }
  if (regressions.length) console.error(`\nRegressions against evals/baseline.json:\n  ${regressions.join("\n  ")}`);
  if (wrongPosts)
    console.error(
      `\n${String(wrongPosts)} invoice(s) would post with no person and a wrong header field (goal 0): see above.`,
    );
  if (regressions.length || wrongPosts) process.exit(1);
}

function describeSets(facts: ProvenanceFacts, sets: Record<FixtureSet, string[]>): string {
  const when =
    facts.history && facts.extractorChangedAt !== null
      ? ` (${facts.extractorCommit ?? "?"}, ${new Date(facts.extractorChangedAt * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC)`
      : "";
  return `Fixtures: ${String(sets.before.length)} written before the extractor's last change${when}, ${String(sets.after.length)} after it (held out).`;
}

function cell(scores: FieldScore[] | undefined, field: string): string {
  const s = scores?.find((f) => f.field === field);
  return s ? `${pct(s.correct, s.total).padStart(7)}  ${String(s.correct)}/${String(s.total)}` : "      -";
}

function summariseHeldOut(after: FieldScore[], fixtures: number): string {
  if (fixtures === 0)
    return "Held out: no fixture was written after the extractor's last change; add a new batch to measure it.";
  const parts = headerFields.map((field) => {
    const s = after.find((f) => f.field === field);
    return {
      field,
      rate: s && s.total ? s.correct / s.total : null,
      text: s ? `${field} ${pct(s.correct, s.total)}` : `${field} -`,
    };
  });
  const below = parts.filter((p) => p.rate !== null && p.rate < 0.9).length;
  return `Held out (${String(fixtures)} fixtures, text): ${parts.map((p) => p.text).join(", ")}; ${below ? `${String(below)} of 5 below 90 %` : "all five at 90 % or more"}.`;
}

function listMisses(scores: FixtureScore[]): void {
  for (const s of scores) {
    for (const c of s.checks.filter((x) => !x.ok))
      console.log(
        `  miss ${s.file} ${c.field}: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`,
      );
  }
}

/** Routes every invoice fixture as the pipeline would; returns how many would post on their own wrongly. */
async function reportStraightThrough(setOf: (file: string) => FixtureSet): Promise<number> {
  const invoices = expectations.filter((e) => e.documentClass === "invoice");
  const vendors = vendorMasterFrom(expectations);
  console.log(
    `\nStraight-through posting of ${String(invoices.length)} invoices (every fixture's seller on file with its tax id, currency and bank details; no earlier documents; default thresholds; nobody edits):`,
  );
  let wrong = 0;
  for (const layout of stpLayouts) {
    const outcomes: (StpOutcome & { set: FixtureSet })[] = [];
    for (const e of invoices) {
      const text = await fixtureText(e.file, layout);
      if (text) outcomes.push({ ...routeOffline(text, e, vendors), set: setOf(e.file) });
    }
    const all = summariseStp(outcomes);
    const held = summariseStp(outcomes.filter((o) => o.set === "after"));
    console.log(
      `${layout.padEnd(5)} auto-posted ${String(all.autoPosted)}/${String(all.documents)} (STP ${pct(all.autoPosted, all.documents)}), wrong among them ${String(all.wrongAutoPosts.length)} (${pct(all.wrongAutoPosts.length, all.autoPosted)}); held out: ${String(held.autoPosted)}/${String(held.documents)} auto-posted, ${String(held.wrongAutoPosts.length)} wrong`,
    );
    for (const o of all.wrongAutoPosts) {
      console.log(
        `  WRONG auto-post [${layout}] ${o.file}: ${o.wrong.map((c) => `${c.field} expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(c.actual)}`).join("; ")}`,
      );
    }
    if (verbose)
      for (const o of outcomes)
        console.log(`  ${o.file}: ${o.taskType ?? "auto_post"}${o.reasons[0] ? ` — ${o.reasons[0]}` : ""}`);
    wrong += all.wrongAutoPosts.length;
  }
  return wrong;
}

function compareWithBaseline(current: Scores, baseline: Scores): string[] {
  const regressions: string[] = [];
  let held = 0;
  for (const [layout, fields] of Object.entries(baseline)) {
    for (const [field, was] of Object.entries(fields)) {
      const now = current[layout]?.[field] ?? 0;
      if (now === was) held += 1;
      else
        console.log(
          `${layout.padEnd(9)} ${field.padEnd(16)} ${(now * 100).toFixed(1).padStart(6)} %  (baseline ${(was * 100).toFixed(1)} %)${now < was ? "  ← worse" : "  (better)"}`,
        );
      if (now < was) regressions.push(`${layout}/${field}: ${(was * 100).toFixed(1)} % → ${(now * 100).toFixed(1)} %`);
    }
  }
  console.log(
    `\nAgainst evals/baseline.json: ${String(held)} layout/field scores unchanged, ${String(regressions.length)} worse.`,
  );
  return regressions;
}

main().catch((error: unknown) => {
  // A mistake in the command or a file gets its sentence alone; anything else its stack.
  const known = error instanceof ArgsError || error instanceof CaseFileError || error instanceof EvalRunError;
  console.error(known ? error.message : error);
  process.exit(1);
});
