import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { anthropicProvider } from "@/ai/anthropic";
import { expectations, type Expected } from "@/ai/deterministic/fixtures/expected";
import { extractPrompt } from "@/ai/prompts";
import { promptSha256 } from "@/ai/evals/prompts";
import type { EvalCase } from "@/domain/evals/case";
import { frozenCases, scoreCases, tallies, type CaseResult, type FrozenCase } from "./model-eval";
import { capturingFetch, readRecordedCases, replayFetch, writeRecordedCase, type Exchange } from "./recorded";
import { readRecord, recordedDir, recordsDir, writeRecord, type EvalRecord, type RecordSource } from "./records";
import { fieldTable, sameTallies } from "./table";

export type ModelRunOptions = {
  caseFiles: readonly EvalCase[];
  log: (line: string) => void;
  /** The fixtures scored; all of them unless a test narrows them. */
  fixtures?: readonly Expected[];
  recordsDir?: string;
  recordedDir?: string;
  sleep?: (ms: number) => Promise<void>;
};

/** A run that cannot give a score worth reading; the message says what to check or run. */
export class EvalRunError extends Error {}

export type ModelRunResult = {
  promptVersion: string;
  models: string[];
  results: Record<string, CaseResult[]>;
  scores: EvalRecord["scores"];
};

// As the chain in ai/providers.ts retries: a model gets three attempts with capped jittered backoff.
const retries = { maxAttempts: 3, backoff: { baseMs: 1_000, capMs: 20_000 } };
// The pipeline's default budget per document (KEEL_DOCUMENT_TOKEN_BUDGET), so a case costs what a document may.
const tokenBudget = 200_000;
const promptFile = path.resolve(import.meta.dirname, "..", "ai", "prompts", `${extractPrompt.version}.ts`);
const done = () => Promise.resolve();

/**
 * The SDK warns on every request to a model it knows is deprecated; over hundreds of cases that would bury the
 * table, so each distinct warning is printed once while `run` lasts.
 */
async function warningsOnce<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  const seen = new Set<string>();
  console.warn = (...args: unknown[]) => {
    const key = args.map(String).join(" ");
    if (seen.has(key)) return;
    seen.add(key);
    warn(...args);
  };
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

function scoresOf(results: Record<string, CaseResult[]>): EvalRecord["scores"] {
  return Object.fromEntries(
    Object.entries(results).map(([model, r]) => [
      model,
      { fixtures: tallies(r, "fixture"), caseFiles: tallies(r, "file") },
    ]),
  );
}

function report(run: ModelRunResult, cases: readonly FrozenCase[], log: (line: string) => void): void {
  const columns = (kind: "fixtures" | "caseFiles") =>
    run.models.map((model) => ({ name: model, tallies: run.scores[model]?.[kind] ?? {} }));
  const fixtures = cases.filter((c) => c.kind === "fixture").length;
  const files = cases.length - fixtures;
  log(`\nPrompt ${run.promptVersion}: ${String(fixtures)} fixtures (text layout)\n${fieldTable(columns("fixtures"))}`);
  log(
    `\nEval case files: ${String(files)} case(s)${files ? `\n${fieldTable(columns("caseFiles"))}` : " (none in the folder)"}`,
  );
  for (const model of run.models) {
    const failed = (run.results[model] ?? []).filter((r) => r.failure);
    log(
      `${model}: ${String(failed.length)} of ${String(cases.length)} case(s) without an answer (counted as misses)${failed.length ? `: ${failed.map((f) => `${f.id} (${(f.failure ?? "").replace(/\s*\n\s*/g, " ").slice(0, 200)})`).join("; ")}` : ""}`,
    );
  }
}

/**
 * `--provider anthropic`: the real provider (ai/anthropic.ts) on every frozen case, once per model, scored as the
 * deterministic run is. With `record`, every raw answer is kept in evals/recorded/<version>/ and the scores in
 * evals/records/<version>.json, tagged with where the answers came from.
 */
export async function runAnthropicEval(
  options: ModelRunOptions & {
    apiKey: string;
    baseURL: string | undefined;
    models: readonly string[];
    timeoutMs: number;
    record: boolean;
    source: RecordSource;
    concurrency?: number;
  },
): Promise<ModelRunResult> {
  const cases = await frozenCases(options.caseFiles, options.fixtures ?? expectations);
  const answers = new Map<string, Record<string, Exchange[]>>();
  const results: Record<string, CaseResult[]> = {};
  for (const model of options.models) {
    options.log(`Scoring ${extractPrompt.version} on ${model} over ${String(cases.length)} case(s)…`);
    results[model] = await warningsOnce(() =>
      scoreCases(
        cases,
        async (frozen) => {
          const capture = capturingFetch();
          const byModel = answers.get(frozen.id) ?? {};
          byModel[model] = capture.exchanges;
          answers.set(frozen.id, byModel);
          const provider = anthropicProvider({
            apiKey: options.apiKey,
            baseURL: options.baseURL,
            model,
            timeoutMs: options.timeoutMs,
            ...retries,
            fetch: capture.fetch,
            ...(options.sleep ? { sleep: options.sleep } : {}),
          });
          const { extraction } = await provider.extract({
            text: frozen.text,
            tokensLeft: tokenBudget,
            onCall: done,
          });
          return extraction;
        },
        options.concurrency ?? 4,
      ),
    );
  }
  for (const model of options.models) {
    const failures = (results[model] ?? []).map((r) => r.failure);
    if (failures.length > 0 && failures.every(Boolean))
      throw new EvalRunError(
        `No case got an answer from ${model} (the first: ${failures[0]?.split("\n")[0] ?? ""}). Check ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL and the model id; nothing was ${options.record ? "recorded" : "scored"}.`,
      );
  }
  const run: ModelRunResult = {
    promptVersion: extractPrompt.version,
    models: [...options.models],
    results,
    scores: scoresOf(results),
  };
  report(run, cases, options.log);
  if (options.record) {
    const answersDir = options.recordedDir ?? recordedDir;
    rmSync(path.join(answersDir, run.promptVersion), { recursive: true, force: true });
    for (const [caseId, byModel] of answers)
      await writeRecordedCase({ promptVersion: run.promptVersion, case: caseId, answers: byModel }, answersDir);
    const file = await writeRecord(
      {
        promptVersion: run.promptVersion,
        promptSha256: promptSha256(readFileSync(promptFile, "utf8")),
        models: run.models,
        provider: "anthropic",
        source: options.source,
        baseUrl: options.baseURL ?? "https://api.anthropic.com",
        recordedAt: new Date().toISOString(),
        cases: cases.length,
        caseFiles: cases.filter((c) => c.kind === "file").map((c) => c.id),
        scores: run.scores,
      },
      options.recordsDir ?? recordsDir,
    );
    options.log(
      `\nRecorded ${String(answers.size)} case(s) in ${path.relative(process.cwd(), path.join(answersDir, run.promptVersion))}/ and the scores in ${path.relative(process.cwd(), file)}.`,
    );
  }
  return run;
}

/**
 * `--provider recorded`: the stored answers of the current prompt version, served to the same provider through a
 * replaying fetch, so the SDK's parsing, the output schema, the correction turn and the scoring all run without a
 * key. Says whether the scores reproduce the record's; a case recorded for no model is listed, not scored.
 */
export async function runRecordedEval(
  options: ModelRunOptions,
): Promise<ModelRunResult & { reproduces: boolean; unrecorded: string[] }> {
  const version = extractPrompt.version;
  const record = readRecord(version, options.recordsDir ?? recordsDir);
  const recorded = readRecordedCases(version, options.recordedDir ?? recordedDir);
  if (!record || recorded.size === 0)
    throw new EvalRunError(
      `Prompt ${version} has no ${record ? `recorded answers in evals/recorded/${version}/` : `eval record evals/records/${version}.json`}. Record it with ANTHROPIC_API_KEY set: npm run eval -- --provider anthropic --record.`,
    );
  const all = await frozenCases(options.caseFiles, options.fixtures ?? expectations);
  const cases = all.filter((c) => recorded.has(c.id));
  const unrecorded = all.filter((c) => !recorded.has(c.id)).map((c) => c.id);
  options.log(
    `Replaying ${String(cases.length)} recorded case(s) of ${version} (recorded ${record.recordedAt} from ${record.source} at ${record.baseUrl}).`,
  );
  if (record.source === "fake-messages-api")
    options.log(
      "These answers came from the repository's fake Messages API, not from Claude: they prove the parsing, scoring and gate, not the prompt. Record with ANTHROPIC_API_KEY set for Claude's scores.",
    );
  const results: Record<string, CaseResult[]> = {};
  const overruns: string[] = [];
  for (const model of record.models) {
    results[model] = await warningsOnce(() =>
      scoreCases(cases, async (frozen) => {
        const label = `${frozen.id} on ${model}`;
        const replay = replayFetch(recorded.get(frozen.id)?.answers[model] ?? [], label);
        const provider = anthropicProvider({
          apiKey: "recorded",
          baseURL: "http://recorded.invalid",
          model,
          timeoutMs: 60_000,
          ...retries,
          fetch: replay.fetch,
          sleep: done,
        });
        try {
          return (await provider.extract({ text: frozen.text, tokensLeft: tokenBudget, onCall: done })).extraction;
        } finally {
          const overrun = replay.overrun();
          if (overrun) overruns.push(overrun);
        }
      }),
    );
  }
  if (overruns.length) throw new EvalRunError(overruns.join("\n"));
  const run: ModelRunResult = { promptVersion: version, models: record.models, results, scores: scoresOf(results) };
  report(run, cases, options.log);
  if (unrecorded.length)
    options.log(
      `Not recorded for ${version}, so not scored here: ${unrecorded.join(", ")}. Record them with ANTHROPIC_API_KEY set: npm run eval -- --provider anthropic --record.`,
    );
  const sameCaseFiles =
    JSON.stringify(cases.filter((c) => c.kind === "file").map((c) => c.id)) === JSON.stringify(record.caseFiles);
  const differs = record.models.filter((model) => {
    const now = run.scores[model];
    const then = record.scores[model];
    if (!now || !then) return true;
    return !sameTallies(now.fixtures, then.fixtures) || (sameCaseFiles && !sameTallies(now.caseFiles, then.caseFiles));
  });
  options.log(
    differs.length
      ? `The replayed scores differ from evals/records/${version}.json for ${differs.join(", ")}: the expectations or the scoring changed since it was recorded.`
      : `The replayed scores reproduce evals/records/${version}.json.`,
  );
  return { ...run, reproduces: differs.length === 0, unrecorded };
}
