import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { FilterPills } from "@/components/ui/filter-pills";
import { countInboxTasks, listInboxTasks } from "@/db/queries/inbox";
import { listVendors } from "@/db/queries/vendors";
import { formatMoney } from "@/domain/money";
import { taskTypes } from "@/domain/routing";
import { requirePermission } from "@/services/auth/session";
import { formatAge, formatUtc } from "@/lib/format";
import { encodeCursor, inboxAges, inboxHref, parseInboxParams } from "@/app/(app)/inbox/inbox-params";
import { InboxTable } from "./_components/inbox-table";

export const metadata: Metadata = { title: "Inbox" };

const typeLabels: Record<string, string> = {
  REVIEW_EXTRACTION: "Review extraction",
  APPROVE_SPEND: "Approve spend",
  CONFIRM_PRICE_CHANGE: "Confirm price change",
  CONFIRM_BANK_CHANGE: "Confirm bank change",
  CONFIRM_DUPLICATE: "Confirm duplicate",
  HIGH_RISK_ACTION: "High-risk action",
  CONFIRM_NEW_VENDOR: "New vendor",
};

const sortLabels = { oldest: "Oldest first", newest: "Newest first", due: "Due soonest", amount: "Largest amount" } as const;
const statusLabels = { open: "Open", resolved: "Decided", expired: "Expired", cancelled: "Cancelled" } as const;
const ageLabels: Record<keyof typeof inboxAges, string> = { "1h": "over 1 hour", "24h": "over 24 hours", "3d": "over 3 days", "7d": "over 7 days" };

const CAP = 10_000;
const count = (n: number) => (n > CAP ? `${CAP.toLocaleString("en-GB")}+` : n.toLocaleString("en-GB"));

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePermission("inbox:view");
  const now = new Date();
  const { params, filter, sort, after, problems } = parseInboxParams(await searchParams, now);
  const otherView = params.view === "queue" ? "mine" : "queue";
  const [page, byType, elsewhere, vendors] = await Promise.all([
    listInboxTasks(user, filter, { sort, after }),
    Promise.all(taskTypes.map((type) => countInboxTasks(user, { ...filter, type }, CAP))),
    countInboxTasks(user, { ...filter, view: otherView }, CAP),
    listVendors(),
  ]);
  // Every task has one type, so the types' counts add up to the rest; past the cap the sum says "cap+" just the same.
  const allTypes = byType.reduce((sum, n) => sum + n, 0);
  const total = params.type ? (byType[taskTypes.indexOf(params.type)] ?? 0) : allTypes;
  const queue = params.view === "queue" ? total : elsewhere;
  const mine = params.view === "mine" ? total : elsewhere;

  return (
    <>
      <PageHeader title="Inbox" description={user.role === "admin" ? "Every queue, and what you hold." : `The ${user.role}s' queue, and what you hold.`} />
      <AutoRefresh active intervalMs={5000} />
      <FilterPills
        label="Queue or mine"
        pills={[
          { key: "queue", label: `${user.role === "admin" ? "All queues" : "My role's queue"} (${count(queue)})`, href: inboxHref(params, { view: undefined }), active: params.view === "queue" },
          { key: "mine", label: `Assigned to me (${count(mine)})`, href: inboxHref(params, { view: "mine" }), active: params.view === "mine" },
        ]}
      />
      <FilterPills
        label="Filter by type"
        pills={[
          { key: "all", label: `All types (${count(allTypes)})`, href: inboxHref(params, { type: undefined }), active: params.type === undefined },
          ...taskTypes.map((t, i) => ({ key: t, label: `${typeLabels[t] ?? t} (${count(byType[i] ?? 0)})`, href: inboxHref(params, { type: t }), active: t === params.type })),
        ]}
      />
      <FilterForm action="/inbox" label="Filters">
        {params.view !== "queue" ? <input type="hidden" name="view" value={params.view} /> : null}
        {params.type ? <input type="hidden" name="type" value={params.type} /> : null}
        <div className="space-y-1">
          <label htmlFor="inbox-status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select id="inbox-status" name="status" defaultValue={params.status} className="w-32">
            {Object.entries(statusLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <label htmlFor="inbox-vendor" className="block text-xs font-medium text-slate-600">
            Vendor
          </label>
          <Select id="inbox-vendor" name="vendor" defaultValue={params.vendor ?? ""} className="w-52">
            <option value="">Any vendor</option>
            {vendors.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <label htmlFor="inbox-age" className="block text-xs font-medium text-slate-600">
            Waiting
          </label>
          <Select id="inbox-age" name="age" defaultValue={params.age ?? ""} className="w-36">
            <option value="">Any time</option>
            {Object.entries(ageLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <fieldset className="space-y-1">
          <legend className="block text-xs font-medium text-slate-600">Amount</legend>
          <div className="flex items-center gap-1">
            <div className="w-24">
              <Input name="min" aria-label="Smallest amount" placeholder="from" defaultValue={params.min ?? ""} inputMode="decimal" />
            </div>
            <div className="w-24">
              <Input name="max" aria-label="Largest amount" placeholder="to" defaultValue={params.max ?? ""} inputMode="decimal" />
            </div>
            <div className="w-20">
              <Input name="currency" aria-label="Currency" placeholder="EUR" defaultValue={params.currency ?? ""} maxLength={3} className="uppercase" />
            </div>
          </div>
        </fieldset>
        <div className="space-y-1">
          <label htmlFor="inbox-sort" className="block text-xs font-medium text-slate-600">
            Sort
          </label>
          <Select id="inbox-sort" name="sort" defaultValue={params.sort} className="w-40">
            {Object.entries(sortLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        <Link href="/inbox" className="self-center text-xs text-slate-600 underline underline-offset-4">
          Clear
        </Link>
      </FilterForm>
      {problems.length > 0 ? (
        <ul role="alert" className="mb-4 list-disc rounded-md border border-amber-200 bg-amber-50 py-2 pr-3 pl-8 text-sm text-amber-900">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {page.items.length === 0 ? (
        <ComingSoon>
          {params.status === "open" && total === 0 && params.view === "queue" && !params.type
            ? "Nothing needs you right now. Tasks appear here when a document needs a person."
            : "No task matches these filters."}
        </ComingSoon>
      ) : (
        <>
          <p className="mb-2 text-xs text-slate-500">
            {count(total)} task{total === 1 ? "" : "s"} · {sortLabels[sort].toLowerCase()}
            {after ? " · a later page" : ""}
          </p>
          <InboxTable
            rows={page.items.map((t) => ({
              id: t.id,
              title: t.title,
              filename: t.filename,
              vendor: t.vendorName ?? "—",
              type: t.type,
              typeLabel: typeLabels[t.type] ?? t.type,
              amount: t.amountMinor !== null && t.currency ? formatMoney({ minor: t.amountMinor, currency: t.currency }) : "—",
              waiting: formatAge(t.createdAt, now),
              due: formatUtc(t.deadlineAt),
              danger: t.type === "CONFIRM_BANK_CHANGE" || t.type === "HIGH_RISK_ACTION",
            }))}
          />
          <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
            {after ? (
              <Link href={inboxHref(params, {})} className="underline underline-offset-4">
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {page.next ? (
              <Link href={inboxHref(params, { after: encodeCursor(page.next) })} className="font-medium underline underline-offset-4">
                Next page →
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
