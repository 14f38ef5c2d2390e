import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import type { MetricWindow } from "@/domain/monitor/window";
import { at, text } from "./outcomes";

export type LaneWait = {
  lane: string;
  provider: string;
  /** Calls that began in the window, and how long they had waited in the lane's queue. */
  started: number;
  p50WaitMs: number;
  p95WaitMs: number;
  maxWaitMs: number;
  /** Calls that waited past the start budget and went to the next lane instead. */
  startTimeouts: number;
};

/**
 * The shared model budget as backpressure, per lane and provider: how long calls waited before they began, and how
 * many gave way while still queued (recorded as model_calls with error class start_timeout).
 */
export async function selectLaneWaits(window: MetricWindow, tx: Executor = db()): Promise<LaneWait[]> {
  const rows = await tx.execute(sql`
    with started as (
      select lane, provider, count(*) as started,
        round(percentile_cont(0.5) within group (order by queued_ms)::numeric) as p50,
        round(percentile_cont(0.95) within group (order by queued_ms)::numeric) as p95,
        max(queued_ms) as max_wait
      from model_lane_starts where at >= ${at(window.from)} and at < ${at(window.to)}
      group by 1, 2
    ),
    gave_way as (
      select provider, count(*) as timeouts from model_calls
      where at >= ${at(window.from)} and at < ${at(window.to)} and error_class = 'start_timeout'
      group by 1
    )
    select coalesce(s.lane, '') as lane, coalesce(s.provider, g.provider) as provider, coalesce(s.started, 0) as started,
      coalesce(s.p50, 0) as p50, coalesce(s.p95, 0) as p95, coalesce(s.max_wait, 0) as max_wait,
      coalesce(g.timeouts, 0) as timeouts
    from started s full join gave_way g on g.provider = s.provider
    order by 1, 2`);
  return rows.map((r) => ({
    lane: text(r.lane),
    provider: text(r.provider),
    started: Number(r.started),
    p50WaitMs: Number(r.p50),
    p95WaitMs: Number(r.p95),
    maxWaitMs: Number(r.max_wait),
    startTimeouts: Number(r.timeouts),
  }));
}
