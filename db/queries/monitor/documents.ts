import { sql } from "drizzle-orm";
import { db, type Executor } from "@/db/index";
import type { MetricWindow } from "@/domain/monitor/window";
import { at, outcomesIn, qaReviewType, textOrNull } from "./outcomes";

/** Documents received in the window by the class they were read as; null for those not classified (yet). */
export async function selectClassMix(
  window: MetricWindow,
  tx: Executor = db(),
): Promise<{ documentClass: string | null; documents: number }[]> {
  const rows = await tx.execute(sql`
    select document_class, count(*) as documents from documents
    where created_at >= ${at(window.from)} and created_at < ${at(window.to)}
    group by 1 order by 2 desc, 1`);
  return rows.map((r) => ({
    documentClass: textOrNull(r.document_class),
    documents: Number(r.documents),
  }));
}

export type QaFindings = { autoPosted: number; reviewed: number; foundWrong: number; corrected: number };

/**
 * Among the documents auto-posted in the window: how many a QA review has decided, how many of those it found
 * read wrong (`report_errors`), and how many a person corrected after posting by any task.
 */
export async function selectQaFindings(window: MetricWindow, tx: Executor = db()): Promise<QaFindings> {
  const [row] = await tx.execute(sql`
    with auto as (
      select o.document_id from (${outcomesIn(window)}) o
      where o.outcome = 'posted'
        and not exists (select 1 from tasks t where t.document_id = o.document_id and t.type <> ${qaReviewType})
    )
    select count(*) as auto_posted,
      count(*) filter (where exists (
        select 1 from tasks t where t.document_id = a.document_id and t.type = ${qaReviewType} and t.status = 'resolved'
      )) as reviewed,
      count(*) filter (where exists (
        select 1 from tasks t where t.document_id = a.document_id and t.type = ${qaReviewType}
          and t.status = 'resolved' and t.action = 'report_errors'
      )) as found_wrong,
      count(*) filter (where exists (
        select 1 from audit_log l where l.correlation_id = a.document_id::text and l.action = 'task.fields_edited'
      )) as corrected
    from auto a`);
  return {
    autoPosted: Number(row?.auto_posted ?? 0),
    reviewed: Number(row?.reviewed ?? 0),
    foundWrong: Number(row?.found_wrong ?? 0),
    corrected: Number(row?.corrected ?? 0),
  };
}
