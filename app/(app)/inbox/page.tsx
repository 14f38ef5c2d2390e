import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Badge } from "@/components/ui/badge";
import { FilterPills } from "@/components/ui/filter-pills";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listInboxTasks } from "@/db/queries/tasks";
import { formatMoney } from "@/domain/money";
import { taskTypes } from "@/domain/routing";
import { requirePermission } from "@/lib/auth/session";

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
        <Table aria-label="Tasks">
          <TableHead>
            <tr>
              <TableHeader>Task</TableHeader>
              <TableHeader>Type</TableHeader>
              <TableHeader className="text-right">Amount</TableHeader>
              <TableHeader>Due</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {tasks.map((t) => (
              <TableRow key={t.id}>
                <TableCell>
                  <Link href={`/inbox/${t.id}`} className="font-medium underline-offset-4 hover:underline">
                    {t.title}
                  </Link>
                  <p className="text-xs text-slate-500">{t.filename}</p>
                </TableCell>
                <TableCell>
                  <Badge tone={t.type === "CONFIRM_BANK_CHANGE" || t.type === "HIGH_RISK_ACTION" ? "danger" : "warning"}>{typeLabels[t.type] ?? t.type}</Badge>
                </TableCell>
                <TableCell className="text-right tabular-nums">{t.amountMinor !== null && t.currency ? formatMoney({ minor: t.amountMinor, currency: t.currency }) : "—"}</TableCell>
                <TableCell className="text-slate-600">{t.deadlineAt.toISOString().slice(0, 16).replace("T", " ")} UTC</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
