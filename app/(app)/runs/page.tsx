import type { Metadata } from "next";
import Link from "next/link";
import { ComingSoon, PageHeader } from "@/components/shell/app-shell";
import { RunDocumentLink } from "@/components/runs/run-document-link";
import { formatDuration, formatTime, RunStatusBadge } from "@/components/runs/run-status-badge";
import { FilterPills, NextPageLink } from "@/components/ui/filter-pills";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { engineTablesExist, listRuns, runStatuses, type RunStatus } from "@/services/runs/runs";
import { requirePermission } from "@/services/auth/session";

export const metadata: Metadata = { title: "Runs" };

type Search = { status?: string; idle?: string; after?: string };

type RunsFilter = { status?: RunStatus | undefined; showIdle: boolean };

/** The Runs list's query parameters for these filters; idle runs are hidden unless `idle` says otherwise. */
function runsParams(filter: RunsFilter): Record<string, string> {
  return { ...(filter.status ? { status: filter.status } : {}), ...(filter.showIdle ? { idle: "show" } : {}) };
}

/** The Runs list's address with these filters. */
function runsHref(filter: RunsFilter): string {
  const params = new URLSearchParams(runsParams(filter));
  return params.size > 0 ? `/runs?${params.toString()}` : "/runs";
}

export default async function RunsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePermission("runs:view");
  const params = await searchParams;
  if (!(await engineTablesExist())) {
    return (
      <>
        <PageHeader title="Runs" />
        <ComingSoon>
          Keel&apos;s workflows run on an external Inngest here (Inngest Cloud or a self-hosted Inngest): see its
          dashboard for runs. This view reads the embedded engine&apos;s own tables.
        </ComingSoon>
      </>
    );
  }
  const status = runStatuses.includes(params.status as RunStatus) ? (params.status as RunStatus) : undefined;
  const showIdle = params.idle === "show";
  const page = await listRuns({ status, showIdle, after: params.after });
  return (
    <>
      <PageHeader
        title="Runs"
        description="Every workflow run on the embedded engine: status, steps, attempts and errors."
      />
      <FilterPills
        label="Filter by status"
        pills={[undefined, ...runStatuses].map((s) => ({
          key: s ?? "all",
          label: s ?? "All",
          href: runsHref({ status: s, showIdle }),
          active: s === status,
        }))}
      />
      <p className="mb-4 text-sm text-slate-600">
        {showIdle ? "Showing" : "Hiding"} runs of scheduled jobs that found nothing to do.{" "}
        <Link
          href={runsHref({ status, showIdle: !showIdle })}
          className="font-medium text-slate-900 underline underline-offset-4"
        >
          {showIdle ? "Hide idle runs" : "Show idle runs"}
        </Link>
      </p>
      {page.runs.length === 0 ? (
        <ComingSoon>No runs{status ? ` with status ${status}` : ""} yet.</ComingSoon>
      ) : (
        <Table aria-label="Runs">
          <TableHead>
            <tr>
              <TableHeader>Function</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Event</TableHeader>
              <TableHeader>Document</TableHeader>
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
                  {run.error?.message ? (
                    <p className="mt-1 max-w-md truncate text-xs text-red-700" title={run.error.message}>
                      {run.error.message}
                    </p>
                  ) : null}
                </TableCell>
                <TableCell className="font-mono text-xs">{run.eventName}</TableCell>
                <TableCell>
                  <RunDocumentLink document={run.document} />
                </TableCell>
                <TableCell className="text-slate-600">{formatTime(run.startedAt)}</TableCell>
                <TableCell className="text-right tabular-nums">{formatDuration(run.durationMs)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <NextPageLink path="/runs" params={runsParams({ status, showIdle })} after={page.next} label="Older runs" />
    </>
  );
}
