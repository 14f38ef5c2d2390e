import type { ReactNode } from "react";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { getDecisionRecord } from "@/db/queries/decision-record";
import { decisionRecordView } from "./decision-record-view";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[11rem_minmax(0,1fr)]">
      <dt className="font-medium text-slate-600">{term}</dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * What was decided on a closed task and on what grounds, so a reader finds who decided what and why on the task
 * itself. Loads its own record: it is shown only once the task is closed, and nothing else on the page needs it.
 */
export async function DecisionRecord({ taskId }: { taskId: string }) {
  const record = await getDecisionRecord(taskId);
  if (!record) return null;
  const view = decisionRecordView(record);
  return (
    <section
      aria-labelledby="decision-record-heading"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 id="decision-record-heading" className="mb-3 text-base font-semibold">
        Decision record
      </h2>
      <dl className="space-y-2">
        <Row term="Outcome">{view.outcome}</Row>
        <Row term="Decided by">{view.by}</Row>
        {view.at ? <Row term="When">{view.at}</Row> : null}
        {view.reason ? <Row term="Reason">{view.reason}</Row> : null}
        {view.rate ? <Row term="Rate used">{view.rate}</Row> : null}
        {view.ticket ? (
          <>
            <Row term="Refund">{view.ticket.refund}</Row>
            <Row term="Reply sent">
              <span className="whitespace-pre-wrap">{view.ticket.reply}</span>
            </Row>
          </>
        ) : null}
        {view.other.map((p) => (
          <Row key={p.name} term={p.name}>
            {p.value}
          </Row>
        ))}
        {view.approvals.length > 0 ? (
          <Row term={`Approvals (${String(view.approvals.length)})`}>
            <ol aria-label="Approvals" className="list-decimal space-y-0.5 pl-5">
              {view.approvals.map((a) => (
                <li key={a.who}>
                  {a.who}
                  {a.at ? `, ${a.at}` : null}
                </li>
              ))}
            </ol>
          </Row>
        ) : null}
        {view.links.length > 0 ? (
          <Row term="Email link">
            <ul className="space-y-0.5">
              {view.links.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </Row>
        ) : null}
      </dl>
      {view.changes.length > 0 ? (
        <div className="mt-4">
          <h3 id="decision-changes-heading" className="mb-1 font-medium text-slate-600">
            Proposed and decided
          </h3>
          <Table aria-labelledby="decision-changes-heading" className="table-fixed">
            <TableColumns columns={["Field", "Proposed", "Decided"]} />
            <TableBody>
              {view.changes.map((c) => (
                <TableRow key={c.label}>
                  <TableCell className="break-words font-medium">{c.label}</TableCell>
                  <TableCell className="break-words text-slate-600 line-through decoration-slate-400">
                    {c.from}
                  </TableCell>
                  <TableCell className="break-words">{c.to}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
      {view.shown.length > 0 ? (
        <details className="mt-4">
          <summary className="cursor-pointer font-medium text-slate-600">
            Evidence on screen ({view.shown.length})
          </summary>
          <ul className="mt-2 space-y-1 text-slate-700">
            {view.shown.map((s) => (
              <li key={s.label} className="break-words">
                <span className="font-medium">{s.label}</span> · page {s.page} · {s.confidence}: “{s.text}”
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
