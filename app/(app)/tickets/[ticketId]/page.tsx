import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { PageHeader } from "@/components/shell/app-shell";
import { BackLink } from "@/components/shell/back-link";
import { TicketConversation } from "@/components/tickets/conversation";
import { DraftBesideOriginal } from "@/components/tickets/draft-beside-original";
import { movingTicketStatuses, TicketStatusBadge } from "@/components/tickets/ticket-status";
import { ticketSourceLabels } from "@/domain/tickets/classification";
import { ticketAuditActions, ticketTimelineLabel } from "@/domain/tickets/timeline";
import { formatUtc } from "@/lib/format";
import { requirePermission } from "@/services/auth/session";
import { Classification } from "./_components/classification";
import { Findings } from "./_components/findings";
import { Panel } from "./_components/panel";
import { RefundPanel } from "./_components/refund";
import { ReplyEmail } from "./_components/reply-email";
import { TicketDecision } from "./_components/ticket-decision";
import { TicketTimeline } from "./_components/ticket-timeline";
import { loadTicketView } from "./ticket-view";

export const metadata: Metadata = { title: "Ticket" };

/**
 * One ticket as Keel's tables hold it — conversation, classification, draft, findings, money, decision, reply and
 * timeline — so it reads the same with the engine stopped and its history pruned.
 */
export default async function TicketPage({ params }: { params: Promise<{ ticketId: string }> }) {
  await requirePermission("tickets:view");
  const { ticketId } = await params;
  const view = await loadTicketView(ticketId);
  if (!view) notFound();
  const { ticket, customer, order, messages, refund, task, record, audit, replyEmail, refundedElsewhereMinor } = view;
  const original = messages.find((m) => m.direction === "in") ?? messages[0];
  const failure = audit.findLast((e) => e.action === ticketAuditActions.failed);
  // The ticket waits for a person a moment before its task row is there: without pushes, poll until it is.
  const moving =
    movingTicketStatuses.includes(ticket.status) || (ticket.status === "awaiting_decision" && task === undefined);

  return (
    <>
      <LiveRefresh target={{ kind: "ticket", id: ticket.id }} pollWhileDown={moving} />
      <BackLink href="/tickets" label="Tickets" />
      <PageHeader
        title={ticket.subject}
        description={`${customer.name === customer.email ? customer.email : `${customer.name} <${customer.email}>`} · ${ticketSourceLabels[ticket.source]} · received ${formatUtc(ticket.createdAt)}`}
        actions={<TicketStatusBadge status={ticket.status} />}
      />
      {ticket.status === "failed" ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {failure ? ticketTimelineLabel(failure) : "The ticket's run failed."} Nothing more happens to this ticket on
          its own.
        </p>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0 space-y-6">
          {original ? (
            <Panel title="Draft and original">
              <DraftBesideOriginal original={original} draft={ticket.draftReply} />
            </Panel>
          ) : null}
          <Panel title="Conversation">
            <TicketConversation messages={messages} />
          </Panel>
        </div>
        <div className="min-w-0 space-y-6">
          <TicketDecision task={task} record={record} summary={ticket.decisionSummary} />
          <Classification ticket={ticket} />
          <Findings findings={view.findings} />
          <RefundPanel
            ticket={ticket}
            order={order}
            refundedElsewhereMinor={refundedElsewhereMinor}
            refund={refund}
            decided={task?.status === "resolved"}
          />
          <ReplyEmail email={replyEmail} />
          <p className="text-sm">
            <Link
              href={`/tickets?${new URLSearchParams({ customer: customer.email }).toString()}`}
              className="underline underline-offset-4"
            >
              All tickets from {customer.email}
            </Link>
          </p>
        </div>
      </div>
      <TicketTimeline entries={audit} />
    </>
  );
}
