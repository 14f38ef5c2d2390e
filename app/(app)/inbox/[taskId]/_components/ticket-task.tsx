import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { TicketConversation } from "@/components/tickets/conversation";
import { DraftBesideOriginal } from "@/components/tickets/draft-beside-original";
import { getRateBook } from "@/db/queries/exchange-rates";
import { draftOf } from "@/db/queries/ticket-tasks";
import { listTaskApprovers, type InboxItem } from "@/db/queries/tasks";
import { getTicketWithMessages } from "@/db/queries/tickets";
import { getUserById, listUsers } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { formatMoney } from "@/domain/money";
import { ticketIntentLabels, ticketPriorityLabels } from "@/domain/tickets/classification";
import { mayDecideTicket, ticketApprovalsRequired, type TicketPolicyFacts } from "@/domain/tickets/policy";
import { env } from "@/lib/env";
import { AssignControls } from "./assign-controls";
import { DecisionRecord } from "./decision-record";
import { assignCandidates, TaskHeader } from "./task-header";
import { TicketDecisionForm } from "./ticket-decision";

const money = (minor: number | null, currency: string | null) =>
  minor !== null && currency ? formatMoney({ minor, currency }) : null;

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2">
      <dt className="text-slate-600">{term}</dt>
      <dd className="break-words text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * A ticket's task: why it needs a person, the customer's message beside the drafted reply, the classification and
 * the order with the proposed refund, and the decision — approve, edit the reply and refund then approve, reject or
 * escalate — with every button the policy refuses disabled and its reason beside it.
 */
export async function TicketTask({ task, user, startEditing }: { task: InboxItem; user: User; startEditing: boolean }) {
  const detail = task.ticketId ? await getTicketWithMessages(task.ticketId) : undefined;
  if (!detail) notFound();
  const { ticket, customer, order, messages } = detail;
  const [holder, users, approvedBy, rates] = await Promise.all([
    task.assigneeId ? getUserById(task.assigneeId) : undefined,
    user.role === "admin" ? listUsers() : undefined,
    listTaskApprovers(task.id),
    getRateBook(),
  ]);
  const draft = draftOf(ticket);
  const refund = { amountMinor: draft.refundMinor, currency: draft.currency };
  const facts: TicketPolicyFacts = { task, createdBy: ticket.createdBy, refund, approvedBy, rates };
  const required = ticketApprovalsRequired(refund, env().KEEL_FOUR_EYES_FROM_MINOR, rates);
  const original = messages.filter((m) => m.direction === "in").at(-1) ?? messages.at(-1);
  const candidates = assignCandidates(users, task);
  const proposed = money(draft.refundMinor, draft.currency);
  return (
    <>
      <TaskHeader task={task} subject={{ href: `/tickets/${ticket.id}`, label: "Open the ticket" }} />
      <div className="mb-6 grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <section aria-label="Why" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-semibold">Why this needs you</h2>
            {task.reasons.length > 0 ? (
              <ul className="list-disc space-y-1 pl-5">
                {task.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : (
              <p>A person decides every reply Keel does not send on its own.</p>
            )}
          </section>
          <section aria-label="Classification" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-semibold">Classification</h2>
            <dl className="space-y-1">
              <Fact term="Intent">{ticket.intent ? ticketIntentLabels[ticket.intent] : "Not classified"}</Fact>
              <Fact term="Priority">{ticket.priority ? ticketPriorityLabels[ticket.priority] : "—"}</Fact>
              <Fact term="Language">{ticket.language ?? "—"}</Fact>
              <Fact term="Confidence">
                {ticket.classConfidence === null ? "—" : `${String(Math.round(ticket.classConfidence * 100))} %`}
              </Fact>
            </dl>
          </section>
        </div>
        <div className="space-y-4 self-start">
          <section aria-label="Order and refund" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-semibold">Order and refund</h2>
            <dl className="space-y-1">
              <Fact term="Customer">{customer.name ? `${customer.name} (${customer.email})` : customer.email}</Fact>
              <Fact term="Order">
                {order
                  ? `${order.reference}, ${formatMoney({ minor: order.totalMinor, currency: order.currency })}`
                  : ticket.orderReference
                    ? `${ticket.orderReference} (not on file)`
                    : "None named"}
              </Fact>
              <Fact term="Proposed refund">{proposed ?? "None"}</Fact>
            </dl>
          </section>
          <AssignControls
            taskId={task.id}
            meId={user.id}
            holder={holder ? { id: holder.id, name: holder.name } : null}
            candidates={task.status === "open" ? candidates : null}
          />
          {required > 1 ? (
            <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              Four eyes: {required} different approvers must approve this refund. Approved so far: {approvedBy.length}.
            </p>
          ) : null}
        </div>
      </div>
      {task.status === "open" ? null : <DecisionRecord taskId={task.id} />}
      <section aria-label="Reply" className="mb-6 space-y-2">
        <h2 className="text-base font-semibold">The customer&apos;s message and the drafted reply</h2>
        {original ? (
          <DraftBesideOriginal original={original} draft={ticket.draftReply} />
        ) : (
          <p className="text-sm text-slate-600">This ticket has no message.</p>
        )}
      </section>
      {task.status === "open" ? (
        <TicketDecisionForm
          key={`${draft.reply}:${String(draft.refundMinor)}`}
          taskId={task.id}
          title={task.title}
          customer={customer.email}
          draft={draft}
          orderCurrency={order?.currency ?? null}
          startEditing={startEditing}
          answers={{
            approve: mayDecideTicket(user, "approve", facts),
            // The edited refund is judged when it is sent; here only whether this person may edit at all.
            edit: mayDecideTicket(user, "edit_and_approve", {
              ...facts,
              refund: { amountMinor: null, currency: null },
            }),
            reject: mayDecideTicket(user, "reject", facts),
            escalate: mayDecideTicket(user, "escalate", facts),
          }}
        />
      ) : null}
      {messages.length > 1 ? (
        <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer text-sm font-semibold">
            The whole conversation ({messages.length} messages)
          </summary>
          <div className="mt-3">
            <TicketConversation messages={messages} />
          </div>
        </details>
      ) : null}
    </>
  );
}
