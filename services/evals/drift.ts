import { runExtractionChain } from "@/ai/chain";
import { checkCase, scoreCase } from "@/ai/evals/score-case";
import { extractPrompt } from "@/ai/prompts";
import { extractionChain } from "@/ai/providers";
import { listEvalCases, listRecentlyCorrectedDocuments } from "@/db/queries/eval-cases";
import { insertEvalRun, listLatestEvalRuns } from "@/db/queries/eval-runs";
import { listVendors } from "@/db/queries/vendors";
import type { EvalCaseChecks, EvalFieldScores, EvalRunTrigger } from "@/db/schema";
import type { ExtractedText, Extraction } from "@/domain/documents/types";
import { env } from "@/lib/env";
import { evalCaseOf } from "./case-file";
import { caseTextOf, expectedValues } from "./case-from-decision";
import { runFieldDrops, type FieldDrop } from "./field-drops";
import { tallyChecks } from "./tally";

export type { FieldDrop };

/** How many recently corrected documents the drift check re-reads when not told otherwise. */
export const defaultDriftSample = 50;

export type ChainScores = {
  chain: string;
  promptVersion: string | null;
  fieldScores: EvalFieldScores;
  count: number;
  /** Per case, what each field it expects came out as; kept for the cases, not for the changing sample. */
  caseChecks?: EvalCaseChecks;
};

/**
 * This environment's extraction chain, as the pipeline builds it: the deterministic extractor alone without an API
 * key, so the drift check runs offline. Its calls are not recorded as the pipeline's model calls: they belong to
 * no document, and would skew the monitor's figures for real traffic.
 */
async function currentChain() {
  const vendors = await listVendors();
  const providers = extractionChain(env(), {
    knownVendors: vendors.map((v) => ({ name: v.name, aliases: v.aliases, ...(v.taxId ? { taxId: v.taxId } : {}) })),
  });
  const extract = async (text: ExtractedText): Promise<Extraction> =>
    (
      await runExtractionChain(providers, {
        text,
        tokenBudget: env().KEEL_DOCUMENT_TOKEN_BUDGET,
        onCall: () => Promise.resolve(),
      })
    ).extraction;
  const usesModel = providers.some((p) => p.name !== "deterministic");
  return {
    extract,
    chain: providers.map((p) => p.name).join(" → "),
    promptVersion: usesModel ? extractPrompt.version : null,
  };
}

/** Step: the current chain on every frozen eval case, per field. */
export async function scoreEvalCases(): Promise<ChainScores> {
  const { extract, chain, promptVersion } = await currentChain();
  const rows = await listEvalCases();
  const scores = [];
  for (const row of rows) scores.push(await scoreCase(evalCaseOf(row), extract));
  return {
    chain,
    promptVersion,
    fieldScores: tallyChecks(scores.flatMap((s) => s.checks)),
    count: rows.length,
    caseChecks: Object.fromEntries(scores.map((s) => [s.id, Object.fromEntries(s.checks.map((c) => [c.field, c.ok]))])),
  };
}

/**
 * Step: the current chain on the documents people corrected most recently, against the values they left. These
 * are read from the document's own text, positions included, as the pipeline reads it.
 */
export async function scoreCorrectedSample(limit = defaultDriftSample): Promise<ChainScores> {
  const { extract, chain, promptVersion } = await currentChain();
  const documents = await listRecentlyCorrectedDocuments(limit);
  const checks = [];
  for (const document of documents) {
    const asCase = {
      version: 1 as const,
      id: `sample-${document.documentId}`,
      source: "promoted" as const,
      filename: document.documentId,
      text: caseTextOf(document.text),
      expected: expectedValues(
        document.extraction,
        document.decision?.decided ?? null,
        document.decision?.resolvedAt ?? null,
      ),
      promotedBy: "drift-check",
      promotedAt: new Date(0).toISOString(),
    };
    checks.push(...checkCase(asCase, await extract(document.text)));
  }
  return { chain, promptVersion, fieldScores: tallyChecks(checks), count: documents.length };
}

/** Step: one eval run's row, the point the monitor plots and the drift alert compares. */
export async function recordEvalRun(trigger: EvalRunTrigger, cases: ChainScores, sample: ChainScores) {
  const run = await insertEvalRun({
    trigger,
    chain: cases.chain,
    promptVersion: cases.promptVersion,
    cases: cases.count,
    documentsSampled: sample.count,
    fieldScores: cases.fieldScores,
    sampleFieldScores: sample.fieldScores,
    caseChecks: cases.caseChecks ?? {},
  });
  return { id: run.id, at: run.at.toISOString(), cases: run.cases, documentsSampled: run.documentsSampled };
}

/**
 * How each field's accuracy on the frozen eval cases moved between the two latest eval runs, largest drop first,
 * counted on the cases both runs scored so that a change is the chain's; empty until there are two runs.
 */
export async function latestFieldDrops(): Promise<FieldDrop[]> {
  const [current, previous] = await listLatestEvalRuns(2);
  if (!current || !previous) return [];
  return runFieldDrops(previous, current);
}
