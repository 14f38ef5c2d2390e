import { sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import { extractionFieldNames } from "@/domain/documents/fields";
import type { MetricWindow } from "@/domain/monitor/window";
import { at, text } from "./outcomes";

/** One extraction field over the documents received in a window; rates 0..1, null when no document had one. */
export type FieldStat = {
  field: string;
  documents: number;
  emptyRate: number | null;
  meanConfidence: number | null;
  correctionRate: number | null;
};

export type VendorFieldStat = FieldStat & { vendor: string };

const fieldList = sql.raw(`array[${extractionFieldNames.map((n) => `'${n}'`).join(", ")}]::text[]`);

/**
 * Per field (and per group, when `groups` names one per document), over the documents received in the window that
 * have a machine extraction (the latest one not typed by a person): how often the machine left it empty, how sure
 * it was (line items carry no confidence of their own: null), and how often a person changed it afterwards (any
 * `task.fields_edited` entry naming it, a line's cell counting for the line items).
 */
function fieldStatsSql(window: MetricWindow, groups: { of: SQL; keep: SQL } | null): SQL {
  const group = groups ? groups.of : sql`''`;
  return sql`
    with latest as (
      select distinct on (e.document_id) e.document_id, e.extraction -> 'fields' as fields, ${group} as grp
      from documents d
      join extractions e on e.document_id = d.id and e.provider not like 'person:%'
      left join vendors v on v.id = d.vendor_id
      where d.created_at >= ${at(window.from)} and d.created_at < ${at(window.to)}
      order by e.document_id, e.created_at desc
    ),
    groups as (${groups ? groups.keep : sql`select ''::text as grp`}),
    corrected as (
      select distinct a.correlation_id as document_id,
        case when c ->> 'field' like 'lines%' then 'lines' else c ->> 'field' end as field
      from audit_log a
      cross join lateral jsonb_array_elements(
        case when jsonb_typeof(a.after -> 'changes') = 'array' then a.after -> 'changes' else '[]'::jsonb end
      ) c
      where a.action = 'task.fields_edited' and a.correlation_id in (select document_id::text from latest)
    )
    select g.grp, f.name as field,
      count(l.document_id) as documents,
      avg(case
        when f.name = 'lines' then (jsonb_array_length(coalesce(l.fields -> 'lines', '[]'::jsonb)) = 0)::int
        else (coalesce(l.fields -> f.name -> 'value', 'null'::jsonb) in ('null'::jsonb, '""'::jsonb))::int
      end) filter (where l.document_id is not null) as empty_rate,
      avg((l.fields -> f.name ->> 'confidence')::float8) filter (where f.name <> 'lines') as mean_confidence,
      avg((c.document_id is not null)::int) filter (where l.document_id is not null) as correction_rate
    from groups g
    cross join unnest(${fieldList}) with ordinality as f(name, position)
    left join latest l on l.grp = g.grp
    left join corrected c on c.document_id = l.document_id::text and c.field = f.name
    group by g.grp, f.name, f.position
    order by g.grp, f.position`;
}

const asStat = (r: Record<string, unknown>): FieldStat => ({
  field: text(r.field),
  documents: Number(r.documents),
  emptyRate: r.empty_rate === null ? null : Number(r.empty_rate),
  meanConfidence: r.mean_confidence === null ? null : Number(r.mean_confidence),
  correctionRate: r.correction_rate === null ? null : Number(r.correction_rate),
});

export async function selectFieldStats(window: MetricWindow, tx: Executor = db()): Promise<FieldStat[]> {
  const rows = await tx.execute(fieldStatsSql(window, null));
  return rows.map(asStat);
}

/**
 * The same per field for the `top` vendors with the most such documents in the window (ties by name), a vendor
 * being the one matched or, failing that, the name read; documents with neither are left out.
 */
export async function selectFieldStatsByVendor(
  window: MetricWindow,
  top: number,
  tx: Executor = db(),
): Promise<VendorFieldStat[]> {
  const rows = await tx.execute(
    fieldStatsSql(window, {
      of: sql`coalesce(v.name, d.vendor_name)`,
      keep: sql`select grp from latest where grp is not null group by grp order by count(*) desc, grp limit ${top}`,
    }),
  );
  return rows.map((r) => ({ vendor: text(r.grp), ...asStat(r) }));
}

/** The same per field for the named vendors, whatever their rank: a baseline for the vendors a period ranked first. */
export async function selectFieldStatsForVendors(
  window: MetricWindow,
  vendors: readonly string[],
  tx: Executor = db(),
): Promise<VendorFieldStat[]> {
  if (vendors.length === 0) return [];
  const rows = await tx.execute(
    fieldStatsSql(window, {
      of: sql`coalesce(v.name, d.vendor_name)`,
      keep: sql`select grp from (values ${sql.join(
        vendors.map((vendor) => sql`(${vendor}::text)`),
        sql`, `,
      )}) as named(grp)`,
    }),
  );
  return rows.map((r) => ({ vendor: text(r.grp), ...asStat(r) }));
}
