import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import type { MetricWindow } from "@/domain/monitor/window";
import { at, outcomesIn, qaReviewType } from "./outcomes";

export { selectFieldStats, type FieldStat } from "./fields";

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * The documents that reached an ending in the window, posted or rejected, and how many of those were posted without
 * a person: no task on the document but a QA review, which only samples what already posted.
 */
export async function selectStraightThrough(
  window: MetricWindow,
  tx: Executor = db(),
): Promise<{ decided: number; autoPosted: number }> {
  const [row] = await tx.execute(sql`
    with outcomes as (${outcomesIn(window)})
    select count(*) filter (where o.outcome in ('posted', 'rejected')) as decided,
      count(*) filter (where o.outcome = 'posted' and not exists (
        select 1 from tasks t where t.document_id = o.document_id and t.type <> ${qaReviewType}
      )) as auto_posted
    from outcomes o`);
  return { decided: num(row?.decided), autoPosted: num(row?.auto_posted) };
}

export async function selectFailureCount(window: MetricWindow, tx: Executor = db()): Promise<number> {
  const [row] = await tx.execute(sql`
    with outcomes as (${outcomesIn(window)})
    select count(*) as failed from outcomes where outcome = 'failed'`);
  return num(row?.failed);
}

/** Calls made in the window; an error is any call that did not answer in its schema (error, invalid_output). */
export async function selectModelCallTotals(
  window: MetricWindow,
  tx: Executor = db(),
): Promise<{ calls: number; errors: number }> {
  const [row] = await tx.execute(sql`
    select count(*) as calls, count(*) filter (where outcome <> 'ok') as errors
    from model_calls where at >= ${at(window.from)} and at < ${at(window.to)}`);
  return { calls: num(row?.calls), errors: num(row?.errors) };
}

/** How many hours the oldest task open at `moment` (made before it) has waited, read from the open queue's index. */
export async function selectOldestOpenTaskAgeHours(moment: Date, tx: Executor = db()): Promise<number | null> {
  const [row] = await tx.execute(sql`
    select extract(epoch from (${at(moment)} - min(created_at))) / 3600 as hours from tasks
    where status = 'open' and created_at < ${at(moment)}`);
  return numOrNull(row?.hours);
}
