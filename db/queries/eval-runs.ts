import { and, asc, desc, gte, lt } from "drizzle-orm";
import { db, type Executor } from "../index";
import { evalRuns, type EvalRun, type NewEvalRun } from "../schema";

export async function insertEvalRun(run: NewEvalRun, tx: Executor = db()): Promise<EvalRun> {
  const [row] = await tx.insert(evalRuns).values(run).returning();
  if (!row) throw new Error("inserting an eval run returned no row");
  return row;
}

/** The newest runs first. */
export async function listLatestEvalRuns(limit: number, tx: Executor = db()): Promise<EvalRun[]> {
  return tx.select().from(evalRuns).orderBy(desc(evalRuns.at), desc(evalRuns.id)).limit(limit);
}

/** The runs in [from, to), oldest first: one point each on the monitor's accuracy plot. */
export async function listEvalRunsBetween(
  window: { from: Date; to: Date },
  limit = 1000,
  tx: Executor = db(),
): Promise<EvalRun[]> {
  return tx
    .select()
    .from(evalRuns)
    .where(and(gte(evalRuns.at, window.from), lt(evalRuns.at, window.to)))
    .orderBy(asc(evalRuns.at), asc(evalRuns.id))
    .limit(limit);
}
