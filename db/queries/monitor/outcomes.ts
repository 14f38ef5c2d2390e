import { sql, type SQL } from "drizzle-orm";
import type { MetricWindow } from "@/domain/monitor/window";

/**
 * Where a document's outcome is written, as rows (document_id, outcome, at): the timeline entry each ending writes
 * once, counted only while the document still stands there, so a failure that a replay later posted is not a
 * failure for good. Posted: the "posted" step; rejected: a decision not to post or the ledger's refusal of a
 * duplicate payable; failed: each `failed` entry (the latest in the window counts).
 */
export function outcomesIn(window: MetricWindow): SQL {
  return sql`
    select e.document_id, d.status::text as outcome, max(e.at) as at
    from document_events e
    join documents d on d.id = e.document_id
    where e.at >= ${at(window.from)} and e.at < ${at(window.to)}
      and (
        (e.dedupe_key = 'posted' and d.status = 'posted')
        or (e.dedupe_key in ('finished-unposted', 'refused-duplicate-payable') and d.status = 'rejected')
        or (e.kind = 'failed' and d.status = 'failed')
      )
    group by e.document_id, d.status`;
}

/** The task types a person works; a QA review samples a document already posted, so it does not stop "straight through". */
export const qaReviewType = "QA_REVIEW";

/** A moment as a parameter: raw SQL hands the driver strings, never Date objects. */
export const at = (moment: Date): SQL => sql`${moment.toISOString()}::timestamptz`;

/** A text column of a raw row (raw SQL rows are untyped). */
export const text = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

export const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : text(value);

/** A timestamptz of a raw row: the driver parses it to a Date. */
export const moment = (value: unknown): Date => (value instanceof Date ? value : new Date(text(value)));
