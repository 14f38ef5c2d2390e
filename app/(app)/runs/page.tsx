import type { Metadata } from "next";
import Link from "next/link";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { formatDuration, formatTime, RunStatusBadge } from "@/components/runs/run-status-badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { engineTablesExist, listRuns, runStatuses, type RunStatus } from "@/db/queries/runs";
import { requirePermission } from "@/lib/auth/session";
import { cn } from "@/lib/cn";

export const metadata: Metadata = { title: "Runs" };

type Search = { status?: string; after?: string };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePermission("runs:view");
  const params = await searchParams;
  if (!(await engineTablesExist())) {
    return (
      <>
        <PageHeader title="Runs" />
        <ComingSoon>
          Keel&apos;s workflows run on an external Inngest here (Inngest Cloud or a self-hosted Inngest): see its dashboard
          for runs. This view reads the embedded engine&apos;s own tables.
        </ComingSoon>
      </>
    );
  }
  const status = runStatuses.includes(params.status as RunStatus) ? (params.status as RunStatus) : undefined;
  const page = await listRuns({ status, after: params.after });
  return (
    <>
      <PageHeader title="Runs" description="Every workflow run on the embedded engine: status, steps, attempts and errors." />
      <nav aria-label="Filter by status" className="mb-4 flex gap-2 text-sm">
        {[undefined, ...runStatuses].map((s) => (
          <Link
            key={s ?? "all"}
            href={s ? `/runs?status=${s}` : "/runs"}
            aria-current={s === status ? "page" : undefined}
            className={cn(
              "rounded-full border px-3 py-1",
              s === status ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
            )}
          >
            {s ?? "All"}
          </Link>
        ))}
      </nav>
      {page.runs.length === 0 ? (
        <ComingSoon>No runs{status ? ` with status ${status}` : ""} yet.</ComingSoon>
      ) : (
        <Table aria-label="Runs">
          <TableHead>
            <tr>
              <TableHeader>Function</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Event</TableHeader>
              <TableHeader>Started</TableHeader>
              <TableHeader className="text-right">Duration</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {page.runs.map((run) => (
              <TableRow key={run.id}>
                <TableCell>
                  <Link href={`/runs/${run.id}`} className="font-medium underline-offset-4 hover:underline">
                    {run.functionId}
                  </Link>
                  <p className="font-mono text-xs text-slate-500">{run.id}</p>
                </TableCell>
                <TableCell>
                  <RunStatusBadge status={run.status} />
                  {run.error?.message ? <p className="mt-1 max-w-md truncate text-xs text-red-700">{run.error.message}</p> : null}
                </TableCell>
                <TableCell className="font-mono text-xs">{run.eventName}</TableCell>
                <TableCell className="text-slate-600">{formatTime(run.startedAt)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatDuration(run.durationMs)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {page.next ? (
        <div className="mt-4 flex justify-end">
          <Link
            href={`/runs?${new URLSearchParams({ ...(status ? { status } : {}), after: page.next }).toString()}`}
            className="text-sm font-medium underline underline-offset-4"
          >
            Older runs →
          </Link>
        </div>
      ) : null}
    </>
  );
}
