import type { ExtractedText, Extraction, TextSource } from "@/domain/documents/types";
import { evalValueText, isEvalCaseField, type EvalCase, type EvalCaseField } from "@/domain/evals/case";
import { env } from "@/lib/env";
import { loose } from "@/ai/deterministic/fixtures/compare";
import type { DeterministicHints } from "@/ai/deterministic/extract";
import { deterministicProvider } from "@/ai/deterministic-provider";
import { sandboxSettings, type SandboxSettings } from "@/ai/sandbox";

export type CaseCheck = { field: string; expected: string | null; actual: string | null; ok: boolean };
export type CaseScore = { id: string; checks: CaseCheck[] };

/** Names are read as people write them, so they compare as the fixtures' names do: case, spacing and dots aside. */
const looseFields: ReadonlySet<string> = new Set(["vendorName", "paymentTerms"]);

const textSources: readonly TextSource[] = ["pdf-text", "ocr", "email", "csv", "xlsx", "text"];

/** A case's stored text as the extractors take it; positions are not stored with a case, so there are none. */
export function caseText(evalCase: Pick<EvalCase, "text">): ExtractedText {
  const source = textSources.find((s) => s === evalCase.text.source) ?? "text";
  return {
    source,
    warnings: [],
    pages: evalCase.text.pages.map((p) => ({ page: p.page, text: p.text, spans: [] })),
  };
}

/** An extraction's value of one case field, in the case file's text form. */
export function extractedValueText(extraction: Extraction, field: EvalCaseField): string | null {
  const value = field === "documentClass" ? extraction.documentClass.value : extraction.fields[field].value;
  return evalValueText(value);
}

export function sameValue(field: string, expected: string | null, actual: string | null): boolean {
  if (expected === null || actual === null) return expected === actual;
  return looseFields.has(field) ? loose(expected) === loose(actual) : expected.trim() === actual.trim();
}

/**
 * Extracts a case's text with `extract` and checks every field the case expects, compared the way the fixtures'
 * scoring compares them. A field the case does not name is not checked.
 */
export async function scoreCase(
  evalCase: EvalCase,
  extract: (text: ExtractedText) => Promise<Extraction>,
): Promise<CaseScore> {
  const unknown = Object.keys(evalCase.expected).filter((field) => !isEvalCaseField(field));
  if (unknown.length)
    throw new Error(
      `Eval case ${evalCase.id} expects ${unknown.join(", ")}, which an eval case cannot score (see evalCaseFields in domain/evals/case.ts).`,
    );
  const extraction = await extract(caseText(evalCase));
  return { id: evalCase.id, checks: checkCase(evalCase, extraction) };
}

export function checkCase(evalCase: EvalCase, extraction: Extraction): CaseCheck[] {
  return Object.entries(evalCase.expected).flatMap(([field, expected]) => {
    if (!isEvalCaseField(field)) return [];
    const actual = extractedValueText(extraction, field);
    return [{ field, expected, actual, ok: sameValue(field, expected, actual) }];
  });
}

/**
 * The offline chain as the pipeline runs it without an API key: the deterministic extractor in a document reader
 * process (the case's text came from an untrusted document), with this environment's sandbox limits.
 */
export async function deterministicExtract(
  text: ExtractedText,
  options: { sandbox?: SandboxSettings; hints?: DeterministicHints } = {},
): Promise<Extraction> {
  const provider = deterministicProvider(options.sandbox ?? sandboxSettings(env()), options.hints ?? {});
  const { extraction } = await provider.extract({ text, tokensLeft: 0, onCall: () => Promise.resolve() });
  return extraction;
}
