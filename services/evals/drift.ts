import { listLatestEvalRuns } from "@/db/queries/eval-runs";
import { fieldDrops, type FieldDrop } from "./field-drops";

export type { FieldDrop };

/**
 * How each field's accuracy on the frozen eval cases moved between the two latest eval runs, largest drop first;
 * empty until there are two runs. The cases are the same documents in every run, so a change is the chain's.
 */
export async function latestFieldDrops(): Promise<FieldDrop[]> {
  const [current, previous] = await listLatestEvalRuns(2);
  if (!current || !previous) return [];
  return fieldDrops(previous.fieldScores, current.fieldScores);
}
