import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import type { MetricWindow } from "@/domain/monitor/window";
import { outcomesIn, textOrNull } from "./outcomes";

/** What a group of approved documents cost: model spend in USD micros and people's focused time on their tasks. */
export type CostGroup = { key: string | null; documents: number; modelMicros: number; handlingMs: number };

export type CostBreakdown = { total: CostGroup; byTaskType: CostGroup[]; byVendor: CostGroup[] };

/**
 * The documents posted in the window (approved: by a person or straight through) with each one's whole cost: every
 * model call it made and every person's focused time on every task it had. By task type, a document counts under
 * each type it went through (key null: none, posted straight through); by vendor, under the vendor it was matched
 * to or read as (null: neither).
 */
export async function selectApprovedCosts(window: MetricWindow, tx: Executor = db()): Promise<CostBreakdown> {
  const per = sql`
    with approved as (select document_id from (${outcomesIn(window)}) o where o.outcome = 'posted'),
    per_document as (
      select a.document_id, coalesce(v.name, d.vendor_name) as vendor,
        (select coalesce(sum(m.cost_micros), 0) from model_calls m where m.document_id = a.document_id) as model_micros,
        (select coalesce(sum(h.focused_ms), 0) from tasks t join task_handling h on h.task_id = t.id
          where t.document_id = a.document_id) as handling_ms
      from approved a join documents d on d.id = a.document_id left join vendors v on v.id = d.vendor_id
    )`;
  const totals = sql`count(*) as documents, coalesce(sum(model_micros), 0) as model_micros,
    coalesce(sum(handling_ms), 0) as handling_ms`;
  const [total] = await tx.execute(sql`${per} select null as key, ${totals} from per_document`);
  const byTaskType = await tx.execute(sql`${per}
    select t.type as key, ${totals} from per_document p
    left join lateral (select distinct type from tasks where document_id = p.document_id) t on true
    group by 1 order by 2 desc, 1 nulls first`);
  const byVendor = await tx.execute(sql`${per}
    select vendor as key, ${totals} from per_document group by 1 order by 2 desc, 1 nulls last`);
  const group = (r: Record<string, unknown> | undefined): CostGroup => ({
    key: textOrNull(r?.key),
    documents: Number(r?.documents ?? 0),
    modelMicros: Number(r?.model_micros ?? 0),
    handlingMs: Number(r?.handling_ms ?? 0),
  });
  return { total: group(total), byTaskType: byTaskType.map(group), byVendor: byVendor.map(group) };
}
