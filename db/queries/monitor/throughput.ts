import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import type { Bucket } from "@/domain/monitor/period";
import type { MetricWindow } from "@/domain/monitor/window";
import { at, moment, outcomesIn } from "./outcomes";

export type ThroughputRow = { bucket: Date; received: number; posted: number; rejected: number; failed: number };

/**
 * Documents received (when they arrived) and posted, rejected or failed (when that happened), per UTC hour or day
 * of the window. Only buckets with something in them come back; the page fills the quiet ones.
 */
export async function selectThroughput(
  window: MetricWindow,
  bucket: Bucket,
  tx: Executor = db(),
): Promise<ThroughputRow[]> {
  const rows = await tx.execute(sql`
    with happened as (
      select created_at as at, 'received' as what from documents
      where created_at >= ${at(window.from)} and created_at < ${at(window.to)}
      union all
      select at, outcome from (${outcomesIn(window)}) o
    )
    select date_trunc(${bucket}, at, 'UTC') as bucket,
      count(*) filter (where what = 'received') as received,
      count(*) filter (where what = 'posted') as posted,
      count(*) filter (where what = 'rejected') as rejected,
      count(*) filter (where what = 'failed') as failed
    from happened group by 1 order by 1`);
  return rows.map((r) => ({
    bucket: moment(r.bucket),
    received: Number(r.received),
    posted: Number(r.posted),
    rejected: Number(r.rejected),
    failed: Number(r.failed),
  }));
}
