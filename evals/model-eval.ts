import { fixtureText, tallyFields } from "@/ai/deterministic/score";
import { compare } from "@/ai/deterministic/fixtures/compare";
import { expectations, type Expected } from "@/ai/deterministic/fixtures/expected";
import { ProviderError } from "@/ai/errors";
import { caseText, checkCase, scoreCase } from "@/ai/evals/score-case";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import type { EvalCase } from "@/domain/evals/case";
import type { FieldTallies } from "./records";

/** A case every provider is scored on: a hand-written fixture (as written) or an eval case file. */
export type FrozenCase =
  | { id: string; kind: "fixture"; text: ExtractedText; expected: Expected }
  | { id: string; kind: "file"; text: ExtractedText; evalCase: EvalCase };

export type CaseCheck = { field: string; expected: unknown; actual: unknown; ok: boolean };

/** One case's checks; `failure` says why there was no extraction to check, which counts every field as missed. */
export type CaseResult = { id: string; kind: FrozenCase["kind"]; checks: CaseCheck[]; failure: string | null };

export const fixtureCaseId = (file: string) => file.replace(/\.txt$/, "");

/** The fixtures with their expectations, then the case files; an id both use is refused. */
export async function frozenCases(
  caseFiles: readonly EvalCase[],
  fixtures: readonly Expected[] = expectations,
): Promise<FrozenCase[]> {
  const cases: FrozenCase[] = [];
  for (const expected of fixtures) {
    const text = await fixtureText(expected.file, "text");
    if (text) cases.push({ id: fixtureCaseId(expected.file), kind: "fixture", text, expected });
  }
  const fixtureIds = new Set(cases.map((c) => c.id));
  for (const evalCase of caseFiles) {
    if (fixtureIds.has(evalCase.id))
      throw new Error(
        `Eval case ${evalCase.id} has the id of a fixture in ai/deterministic/fixtures; rename the case.`,
      );
    cases.push({ id: evalCase.id, kind: "file", text: caseText(evalCase), evalCase });
  }
  return cases;
}

const nothing = { value: null, confidence: 0, evidence: null };

/** What a case is checked against when the provider gave no extraction: every field absent. */
export const emptyExtraction: Extraction = {
  documentClass: nothing,
  fields: {
    vendorName: nothing,
    vendorTaxId: nothing,
    documentNumber: nothing,
    poNumber: nothing,
    issueDate: nothing,
    dueDate: nothing,
    currency: nothing,
    subtotalMinor: nothing,
    taxMinor: nothing,
    totalMinor: nothing,
    paymentTerms: nothing,
    bankDetails: nothing,
    lines: [],
  },
  provider: "none",
  promptVersion: null,
};

/** The checks a case makes, here against the empty extraction a miss stands for. */
function checksOf(frozen: FrozenCase, extraction: Extraction): CaseCheck[] {
  return frozen.kind === "fixture" ? compare(extraction, frozen.expected) : checkCase(frozen.evalCase, extraction);
}

/**
 * Scores each case with `extract`. A provider that gives up on a case (its retries spent, its answer outside the
 * schema twice) is a miss on every field of that case, as it would be a document sent down the chain; anything
 * else is a bug and stops the run.
 */
export async function scoreCases(
  cases: readonly FrozenCase[],
  extract: (frozen: FrozenCase) => Promise<Extraction>,
  concurrency = 1,
): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array<CaseResult>(cases.length);
  let next = 0;
  async function worker(): Promise<void> {
    for (let i = next++; i < cases.length; i = next++) {
      const frozen = cases[i];
      if (!frozen) continue;
      try {
        results[i] = {
          id: frozen.id,
          kind: frozen.kind,
          checks:
            frozen.kind === "fixture"
              ? compare(await extract(frozen), frozen.expected)
              : (await scoreCase(frozen.evalCase, () => extract(frozen))).checks,
          failure: null,
        };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        const checks = checksOf(frozen, emptyExtraction).map((c) => ({ ...c, ok: false }));
        results[i] = { id: frozen.id, kind: frozen.kind, checks, failure: `${error.failureClass}: ${error.message}` };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases.length)) }, worker));
  return results;
}

/** Right answers out of checks per field, over the results of one kind. */
export function tallies(results: readonly CaseResult[], kind: FrozenCase["kind"]): FieldTallies {
  const scores = tallyFields(results.filter((r) => r.kind === kind).map((r) => ({ file: r.id, checks: r.checks })));
  return Object.fromEntries(scores.map((s) => [s.field, { correct: s.correct, total: s.total }]));
}
