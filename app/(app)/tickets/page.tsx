import type { Metadata } from "next";
import Link from "next/link";
import { FilterProblems } from "@/app/(app)/inbox/_components/inbox-filters";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { movingTicketStatuses, TicketStatusBadge } from "@/components/tickets/ticket-status";
import { NextPageLink } from "@/components/ui/filter-pills";
import { Table, TableBody, TableCell, TableColumns, TableRow, TruncatedText, truncated } from "@/components/ui/table";
import { listTicketViews } from "@/db/queries/ticket-views";
import { formatMoney } from "@/domain/money";
import { ticketIntentLabels, ticketPriorityLabels } from "@/domain/tickets/classification";
import { can } from "@/domain/permissions";
import { formatUtc } from "@/lib/format";
import { requirePermission } from "@/services/auth/session";
import { encodeTicketCursor } from "@/services/tickets/read";
import { TicketFilters } from "./_components/ticket-filters";
import { parseTicketsParams, ticketsQuery } from "./tickets-params";

export const metadata: Metadata = { title: "Tickets" };

// Priority sits under the intent rather than in a column of its own, so seven facts fit 1280 px beside the menu.
const columns = [
  "Ticket",
  "Status",
  "Intent",
  "Customer",
  { label: "Refund", className: "text-right" },
  "Received",
] as const;

export default async function TicketsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission("tickets:view");
  const { params, filter, after, stalePage } = parseTicketsParams(await searchParams);
  const page = await listTicketViews(filter, { after });
  const filtered = Object.keys(ticketsQuery(params)).length > 0;
  const moving = page.rows.some((t) => movingTicketStatuses.includes(t.status));
  return (
    <>
      <PageHeader
        title="Tickets"
        description="Customer messages, what Keel drafted for them and where each one stands."
        actions={
          can(user, "tickets:create") ? (
            <Link
              href="/tickets/new"
              className="inline-flex h-10 items-center rounded-md bg-slate-900 px-4 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
            >
              New ticket
            </Link>
          ) : null
        }
      />
      <AutoRefresh active={moving} />
      <FilterProblems
        problems={stalePage ? ["The page link was not one Keel made; showing the newest tickets instead."] : []}
      />
      <TicketFilters params={params} />
      {page.rows.length === 0 ? (
        <ComingSoon>
          {filtered
            ? "No ticket matches these filters."
            : "No tickets yet. Enter one with New ticket, upload a saved email, or send it to the API."}
        </ComingSoon>
      ) : (
        <Table aria-label="Tickets">
          <TableColumns columns={columns} />
          <TableBody>
            {page.rows.map((t) => (
              <TableRow key={t.id}>
                <TableCell>
                  <Link
                    href={`/tickets/${t.id}`}
                    title={t.subject}
                    className={truncated("max-w-56", "font-medium underline-offset-4 hover:underline")}
                  >
                    {t.subject}
                  </Link>
                  {t.orderReference ? (
                    <TruncatedText text={t.orderReference} width="max-w-56" className="text-xs text-slate-500" />
                  ) : null}
                </TableCell>
                <TableCell>
                  <TicketStatusBadge status={t.status} />
                </TableCell>
                <TableCell className="whitespace-nowrap">
                  {t.intent ? ticketIntentLabels[t.intent] : "—"}
                  {t.priority ? (
                    <span className="block text-xs text-slate-500">{ticketPriorityLabels[t.priority]} priority</span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <TruncatedText text={t.customerEmail} width="max-w-40" />
                </TableCell>
                <TableCell className="text-right whitespace-nowrap tabular-nums">
                  {t.refundProposedMinor !== null && t.refundCurrency
                    ? formatMoney({ minor: t.refundProposedMinor, currency: t.refundCurrency })
                    : "—"}
                </TableCell>
                <TableCell className="text-slate-600">{formatUtc(t.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <NextPageLink
        path="/tickets"
        params={ticketsQuery(params)}
        after={page.next ? encodeTicketCursor(page.next) : null}
        label="Older tickets"
      />
    </>
  );
}
