import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import { ageBands, type AgeBand } from "@/domain/monitor/age-bands";
import type { TaskType } from "@/domain/task-types";
import { at } from "./outcomes";

export type BacklogRow = { type: TaskType; band: AgeBand; open: number; overdue: number };

const bandCase = sql.raw(
  `case ${[...ageBands]
    .reverse()
    .map((b) => `when age_hours >= ${String(b.fromHours)} then '${b.key}'`)
    .join(" ")} end`,
);

/**
 * The tasks open at `moment` — made before it and not yet closed then — by type and age band, with how many were
 * past their deadline. Still-open tasks come from the open queue's index, tasks closed since from the index on when
 * they closed, so the present costs no more than the open queue.
 */
export async function selectBacklog(moment: Date, tx: Executor = db()): Promise<BacklogRow[]> {
  const rows = await tx.execute(sql`
    with open_then as (
      select type, deadline_at, extract(epoch from (${at(moment)} - created_at)) / 3600 as age_hours
      from tasks where status = 'open' and created_at < ${at(moment)}
      union all
      select type, deadline_at, extract(epoch from (${at(moment)} - created_at)) / 3600
      from tasks where resolved_at >= ${at(moment)} and created_at < ${at(moment)} and status <> 'open'
    )
    select type, ${bandCase} as band, count(*) as open,
      count(*) filter (where deadline_at < ${at(moment)}) as overdue
    from open_then group by 1, 2`);
  return rows.map((r) => ({
    type: r.type as TaskType,
    band: r.band as AgeBand,
    open: Number(r.open),
    overdue: Number(r.overdue),
  }));
}
