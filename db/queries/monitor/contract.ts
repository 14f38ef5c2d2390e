import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import { extractionFieldNames } from "@/domain/documents/fields";
import type { MetricWindow } from "@/domain/monitor/window";
import { at, outcomesIn, qaReviewType } from "./outcomes";

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** One extraction field over the documents received in a window; rates 0..1, null when no document had one. */
export type FieldStat = {
  field: string;
  documents: number;
  emptyRate: number | null;
  meanConfidence: number | null;
  correctionRate: number | null;
};

/**
 * Per field, over the documents received in the window that have a machine extraction (the latest one not typed
 * by a person): how often the machine left it empty, how sure it was (line items carry no confidence of their own:
 * null), and how often a person changed it afterwards (any `task.fields_edited` entry naming it, a line's cell
 * counting for the line items).
 */
export async function selectFieldStats(window: MetricWindow, tx: Executor = db()): Promise<FieldStat[]> {
  const rows = await tx.execute(sql`
    with latest as (
      select distinct on (e.document_id) e.document_id, e.extraction -> 'fields' as fields
      from documents d
      join extractions e on e.document_id = d.id and e.provider not like 'person:%'
      where d.created_at >= ${at(window.from)} and d.created_at < ${at(window.to)}
      order by e.document_id, e.created_at desc
    ),
    corrected as (
      select distinct a.correlation_id as document_id,
        case when c ->> 'field' like 'lines%' then 'lines' else c ->> 'field' end as field
      from audit_log a
      cross join lateral jsonb_array_elements(
        case when jsonb_typeof(a.after -> 'changes') = 'array' then a.after -> 'changes' else '[]'::jsonb end
      ) c
      where a.action = 'task.fields_edited' and a.correlation_id in (select document_id::text from latest)
    )
    select f.name as field,
      count(l.document_id) as documents,
      avg(case
        when f.name = 'lines' then (jsonb_array_length(coalesce(l.fields -> 'lines', '[]'::jsonb)) = 0)::int
        else (coalesce(l.fields -> f.name -> 'value', 'null'::jsonb) in ('null'::jsonb, '""'::jsonb))::int
      end) filter (where l.document_id is not null) as empty_rate,
      avg((l.fields -> f.name ->> 'confidence')::float8) filter (where f.name <> 'lines') as mean_confidence,
      avg((c.document_id is not null)::int) filter (where l.document_id is not null) as correction_rate
    from unnest(${sql.raw(`array[${extractionFieldNames.map((n) => `'${n}'`).join(", ")}]::text[]`)}) with ordinality as f(name, position)
    left join latest l on true
    left join corrected c on c.document_id = l.document_id::text and c.field = f.name
    group by f.name, f.position
    order by f.position`);
  return rows.map((r) => ({
    field: String(r.field),
    documents: num(r.documents),
    emptyRate: numOrNull(r.empty_rate),
    meanConfidence: numOrNull(r.mean_confidence),
    correctionRate: numOrNull(r.correction_rate),
  }));
}

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
