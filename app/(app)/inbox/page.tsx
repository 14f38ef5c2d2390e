import type { Metadata } from "next";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { FilterPills } from "@/components/ui/filter-pills";
import { listInboxTasks } from "@/db/queries/tasks";
import { formatMoney } from "@/domain/money";
import { taskTypes } from "@/domain/routing";
import { requirePermission } from "@/lib/auth/session";
import { InboxTable } from "./_components/inbox-table";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Inbox" };

const typeLabels: Record<string, string> = {
  REVIEW_EXTRACTION: "Review extraction",
  APPROVE_SPEND: "Approve spend",
  CONFIRM_PRICE_CHANGE: "Confirm price change",
  CONFIRM_BANK_CHANGE: "Confirm bank change",
  CONFIRM_DUPLICATE: "Confirm duplicate",
  HIGH_RISK_ACTION: "High-risk action",
};

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  const user = await requirePermission("inbox:view");
  const { type: rawType } = await searchParams;
  const type = taskTypes.find((t) => t === rawType);
  const tasks = await listInboxTasks(user, { type });
  return (
    <>
      <PageHeader title="Inbox" description={user.role === "admin" ? "Every open decision." : `Decisions for ${user.role}s, and those assigned to you.`} />
      <AutoRefresh active intervalMs={5000} />
      <FilterPills
        label="Filter by type"
        pills={[undefined, ...taskTypes].map((t) => ({ key: t ?? "all", label: t ? (typeLabels[t] ?? t) : "All", href: t ? `/inbox?type=${t}` : "/inbox", active: t === type }))}
      />
      {tasks.length === 0 ? (
        <ComingSoon>Nothing needs you right now. Tasks appear here when a document needs a person.</ComingSoon>
      ) : (
        <InboxTable
          rows={tasks.map((t) => ({
            id: t.id,
            title: t.title,
            filename: t.filename,
            type: t.type,
            typeLabel: typeLabels[t.type] ?? t.type,
            amount: t.amountMinor !== null && t.currency ? formatMoney({ minor: t.amountMinor, currency: t.currency }) : "—",
            due: formatUtc(t.deadlineAt),
            danger: t.type === "CONFIRM_BANK_CHANGE" || t.type === "HIGH_RISK_ACTION",
          }))}
        />
      )}
    </>
  );
}
