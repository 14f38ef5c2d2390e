import { listEvalRunsBetween } from "@/db/queries/eval-runs";
import type { EvalFieldScores, EvalRun } from "@/db/schema";
import { fieldLabel, isExtractionFieldName } from "@/domain/documents/fields";
import { evalCaseFields } from "@/domain/evals/case";

/** One field's accuracy in one run: percent of checks right, with the counts behind it. */
export type FieldAccuracy = { percent: number; correct: number; total: number };

export type AccuracyPoint = {
  at: string;
  cases: number;
  documentsSampled: number;
  fields: Record<string, FieldAccuracy>;
};

/** A field as the monitor's accuracy lines name it. */
export type AccuracyField = { field: string; label: string };

export type EvalAccuracy = {
  /** The runs in the period, oldest first, each with its accuracy per field on the eval cases. */
  points: AccuracyPoint[];
  /** The fields any run scored, in the case fields' order. */
  fields: AccuracyField[];
  /** The latest run's accuracy on the corrected documents it sampled, per field. */
  latestSample: Record<string, FieldAccuracy>;
};

const accuracyOf = (scores: EvalFieldScores): Record<string, FieldAccuracy> =>
  Object.fromEntries(
    Object.entries(scores)
      .filter(([, s]) => s.total > 0)
      .map(([field, s]) => [field, { percent: Math.round((1000 * s.correct) / s.total) / 10, ...s }]),
  );

const labelOf = (field: string) =>
  field === "documentClass" || isExtractionFieldName(field) ? fieldLabel(field, null) : field;

/** Per-field accuracy on the promoted cases over a period's eval runs, as the monitor plots it. */
export function evalAccuracy(runs: readonly EvalRun[]): EvalAccuracy {
  const points = runs.map((run) => ({
    at: run.at.toISOString(),
    cases: run.cases,
    documentsSampled: run.documentsSampled,
    fields: accuracyOf(run.fieldScores),
  }));
  const scored = new Set(points.flatMap((p) => Object.keys(p.fields)));
  const known: readonly string[] = evalCaseFields;
  const fields = [...known.filter((f) => scored.has(f)), ...[...scored].filter((f) => !known.includes(f)).sort()].map(
    (field) => ({ field, label: labelOf(field) }),
  );
  const latest = runs.at(-1);
  return { points, fields, latestSample: latest ? accuracyOf(latest.sampleFieldScores) : {} };
}

export async function loadEvalAccuracy(window: { from: Date; to: Date }): Promise<EvalAccuracy> {
  return evalAccuracy(await listEvalRunsBetween(window));
}
