import type { EvalCaseChecks, EvalFieldScores } from "@/db/schema";
import { tallyChecks } from "./tally";

/** A field's accuracy in percent points in two runs, and by how much it fell (negative when it rose). */
export type FieldDrop = { field: string; previous: number; current: number; dropPoints: number };

const percent = (score: { correct: number; total: number }) => (100 * score.correct) / score.total;
const round = (points: number) => Math.round(points * 100) / 100;

/**
 * Each field scored in both runs, with how its accuracy moved. A field with no checks in either run has no
 * accuracy to compare, so it is left out rather than read as 0 %.
 */
export function fieldDrops(previous: EvalFieldScores, current: EvalFieldScores): FieldDrop[] {
  const drops: FieldDrop[] = [];
  for (const [field, now] of Object.entries(current)) {
    const before = previous[field];
    if (!before || before.total === 0 || now.total === 0) continue;
    const [was, is] = [percent(before), percent(now)];
    drops.push({ field, previous: round(was), current: round(is), dropPoints: round(was - is) });
  }
  return drops.sort((a, b) => b.dropPoints - a.dropPoints || a.field.localeCompare(b.field));
}

type ScoredRun = { fieldScores: EvalFieldScores; caseChecks: EvalCaseChecks };

function tallyCases(checks: EvalCaseChecks, ids: readonly string[]): EvalFieldScores {
  return tallyChecks(ids.flatMap((id) => Object.entries(checks[id] ?? {}).map(([field, ok]) => ({ field, ok }))));
}

/**
 * How each field moved from one run to the next on the cases both runs scored. A case promoted in between is
 * usually one the chain read wrong, so counting it would read as the chain getting worse; a case removed, as it
 * getting better. Runs that kept no per-case checks are compared on their totals.
 */
export function runFieldDrops(previous: ScoredRun, current: ScoredRun): FieldDrop[] {
  const before = Object.keys(previous.caseChecks);
  if (before.length === 0 || Object.keys(current.caseChecks).length === 0)
    return fieldDrops(previous.fieldScores, current.fieldScores);
  const common = before.filter((id) => id in current.caseChecks);
  return fieldDrops(tallyCases(previous.caseChecks, common), tallyCases(current.caseChecks, common));
}
