import type { EvalFieldScores } from "@/db/schema";

/** Right answers out of checks per field, over any number of scored documents. */
export function tallyChecks(checks: readonly { field: string; ok: boolean }[]): EvalFieldScores {
  const scores: EvalFieldScores = {};
  for (const { field, ok } of checks) {
    const score = (scores[field] ??= { correct: 0, total: 0 });
    score.total += 1;
    if (ok) score.correct += 1;
  }
  return scores;
}
