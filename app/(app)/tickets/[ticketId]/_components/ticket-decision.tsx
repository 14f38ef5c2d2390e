import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { DecisionRecordData } from "@/db/queries/decision-record";
import type { TicketTaskView } from "@/db/queries/ticket-views";
import { formatMoney } from "@/domain/money";
import { ticketDecisionParametersSchema } from "@/domain/payloads/tickets";
import { roleLabels } from "@/domain/roles";
import { taskStatusLabels } from "@/domain/tasks/lifecycle";
import { formatUtc } from "@/lib/format";
import { Facts, Panel } from "./panel";

const actionLabels: Record<string, string> = {
  approve: "Approved",
  edit_and_approve: "Edited and approved",
  reject: "Rejected",
  escalate: "Escalated",
};

const person = (p: { name: string; email: string }) => `${p.name} (${p.email})`;

/**
 * The person's part: the open task to decide in the inbox, or once closed, the decision record — who decided, when,
 * what, the reply and refund as decided, and the reason. The ticket's own `decisionSummary` covers a ticket closed
 * without a task (sent on its own, failed).
 */
export function TicketDecision({
  task,
  record,
  summary,
}: {
  task: TicketTaskView | undefined;
  record: DecisionRecordData | undefined;
  summary: string | null;
}) {
  if (!task)
    return (
      <Panel title="Decision">
        <p className="text-sm text-slate-600">{summary ?? "No person has been asked to decide this ticket."}</p>
      </Panel>
    );
  const badge = <Badge tone={task.status === "open" ? "warning" : "neutral"}>{taskStatusLabels[task.status]}</Badge>;
  if (task.status === "open")
    return (
      <Panel title="Decision" extra={badge}>
        <p className="mb-3 text-sm text-slate-700">
          Waiting for {roleLabels[task.assignedRole].toLowerCase()}s until {formatUtc(task.deadlineAt)}.
        </p>
        {task.approvedBy.length > 0 ? (
          <p className="mb-3 text-sm text-slate-700">
            Approved so far by {task.approvedBy.map(person).join(", ")}; another person must approve too before anything
            is refunded or sent.
          </p>
        ) : null}
        <Link
          href={`/inbox/${task.id}`}
          className="inline-flex h-10 items-center rounded-md bg-slate-900 px-4 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
        >
          Decide in inbox
        </Link>
      </Panel>
    );
  return (
    <Panel title="Decision" extra={badge}>
      {record ? <DecisionFacts record={record} /> : null}
      {task.status === "expired" ? (
        <p className="text-sm text-slate-700">
          No decision before the deadline ({formatUtc(task.deadlineAt)}); nothing was refunded or sent.
        </p>
      ) : null}
      {summary ? <p className="mt-3 text-sm text-slate-600">{summary}</p> : null}
      <p className="mt-3 text-sm">
        <Link href={`/inbox/${task.id}`} className="underline underline-offset-4">
          Open the task
        </Link>
      </p>
    </Panel>
  );
}

function DecisionFacts({ record }: { record: DecisionRecordData }) {
  const { task } = record;
  if (!task.action) return null;
  const parsed = ticketDecisionParametersSchema.safeParse(task.parameters);
  const decided = parsed.success ? parsed.data : null;
  const refund =
    decided?.refundMinor != null && decided.currency
      ? formatMoney({ minor: decided.refundMinor, currency: decided.currency })
      : "None";
  const approving = task.action === "approve" || task.action === "edit_and_approve";
  return (
    <>
      <Facts
        facts={[
          ["Outcome", actionLabels[task.action] ?? task.action],
          ["Decided by", record.decidedBy ? person(record.decidedBy) : "—"],
          ["When", task.resolvedAt ? formatUtc(task.resolvedAt) : "—"],
          ...(approving ? [["Refund as decided", refund] as [string, string]] : []),
          ...(decided?.reason ? [["Reason", decided.reason] as [string, string]] : []),
          ...(record.approvals.length > 1
            ? [["Approvals", record.approvals.map((a) => person(a)).join(", ")] as [string, string]]
            : []),
        ]}
      />
      {approving && decided ? (
        <div className="mt-3">
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">Reply as decided</h3>
          <p className="rounded-md border border-slate-200 bg-slate-50 p-2 text-sm break-words whitespace-pre-wrap">
            {decided.reply}
          </p>
        </div>
      ) : null}
      {decided === null ? (
        <p className="mt-2 text-sm text-amber-900">The decision&apos;s reply and refund could not be read.</p>
      ) : null}
    </>
  );
}
