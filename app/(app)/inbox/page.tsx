import type { Metadata } from "next";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { countInboxTasks, listInboxTasks } from "@/db/queries/inbox";
import { listVendors } from "@/db/queries/vendors";
import { formatMoney } from "@/domain/money";
import { taskTypes } from "@/domain/task-types";
import { isSpending } from "@/domain/tasks/policy";
import { requirePermission } from "@/services/auth/session";
import { formatAge, formatUtc } from "@/lib/format";
import { parseInboxParams } from "@/app/(app)/inbox/inbox-params";
import { FilterProblems, InboxFilters } from "./_components/inbox-filters";
import { COUNT_CAP, count, dueLabel, sortLabels, typeLabels } from "./_components/inbox-labels";
import { InboxPager } from "./_components/inbox-pager";
import { InboxPills } from "./_components/inbox-pills";
import { InboxTable } from "./_components/inbox-table";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePermission("inbox:view");
  const now = new Date();
  const { params, filter, sort, after, problems } = parseInboxParams(await searchParams, now);
  const otherView = params.view === "queue" ? "mine" : "queue";
  const [page, byType, elsewhere, vendors] = await Promise.all([
    listInboxTasks(user, filter, { sort, after }),
    Promise.all(taskTypes.map((type) => countInboxTasks(user, { ...filter, type }, COUNT_CAP))),
    countInboxTasks(user, { ...filter, view: otherView }, COUNT_CAP),
    listVendors(),
  ]);
  // Every task has one type, so the types' counts add up to the rest; past the cap the sum says "cap+" just the same.
  const allTypes = byType.reduce((sum, n) => sum + n, 0);
  const total = params.type ? (byType[taskTypes.indexOf(params.type)] ?? 0) : allTypes;
  const queue = params.view === "queue" ? total : elsewhere;
  const mine = params.view === "mine" ? total : elsewhere;

  return (
    <>
      <PageHeader
        title="Inbox"
        description={
          user.role === "admin" ? "Every queue, and what you hold." : `The ${user.role}s' queue, and what you hold.`
        }
      />
      <LiveRefresh target={{ kind: "inbox" }} pollWhileDown intervalMs={5000} />
      <InboxPills
        params={params}
        admin={user.role === "admin"}
        queue={queue}
        mine={mine}
        allTypes={allTypes}
        byType={byType}
      />
      <InboxFilters params={params} vendors={vendors} />
      <FilterProblems problems={problems} />
      {page.items.length === 0 ? (
        <ComingSoon>
          {params.status === "open" && total === 0 && params.view === "queue" && !params.type
            ? "Nothing needs you right now. Tasks appear here when a document or a ticket needs a person."
            : "No task matches these filters."}
        </ComingSoon>
      ) : (
        <>
          <InboxTable
            summary={`${count(total)} task${total === 1 ? "" : "s"} · ${sortLabels[sort].toLowerCase()}${after ? " · a later page" : ""}`}
            rows={page.items.map((t) => ({
              id: t.id,
              title: t.title,
              filename: t.filename ?? t.ticketSubject ?? "",
              vendor: t.vendorName ?? t.customerEmail ?? "—",
              type: t.type,
              // A key approves money only after a confirmation: a document's spend, or a ticket's refund.
              confirm: isSpending(t.type) || (t.ticketId !== null && t.amountMinor !== null),
              refund: t.ticketId !== null,
              typeLabel: typeLabels[t.type],
              amount:
                t.amountMinor !== null && t.currency
                  ? formatMoney({ minor: t.amountMinor, currency: t.currency })
                  : "—",
              waiting: formatAge(t.createdAt, now),
              due: dueLabel(t.deadlineAt, now),
              dueAt: formatUtc(t.deadlineAt),
              danger: t.type === "CONFIRM_BANK_CHANGE" || t.type === "HIGH_RISK_ACTION",
            }))}
          />
          <InboxPager params={params} later={Boolean(after)} next={page.next} />
        </>
      )}
    </>
  );
}
