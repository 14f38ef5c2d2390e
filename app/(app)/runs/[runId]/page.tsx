import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/app-shell";
import { BackLink } from "@/components/shell/back-link";
import { RunDocumentLink } from "@/components/runs/run-document-link";
import { formatDuration, formatTime, RunStatusBadge } from "@/components/runs/run-status-badge";
import { Table, TableBody, TableCell, TableColumns, TableRow } from "@/components/ui/table";
import { engineTablesExist, getRunById, listRunAttempts, listRunSteps } from "@/services/runs/runs";
import { requirePermission } from "@/services/auth/session";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  await requirePermission("runs:view");
  const { runId } = await params;
  if (!(await engineTablesExist())) notFound();
  const run = await getRunById(runId);
  if (!run) notFound();
  const [steps, attempts] = await Promise.all([listRunSteps(runId), listRunAttempts(runId)]);
  return (
    <>
      <BackLink href="/runs" label="Runs" />
      <PageHeader title={run.functionId} description={`Run ${run.id} · triggered by ${run.eventName}`} />
      <dl className="mb-6 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-5">
        <Fact label="Status">
          <RunStatusBadge status={run.status} />
        </Fact>
        <Fact label="Started">{formatTime(run.startedAt)}</Fact>
        <Fact label="Duration">{formatDuration(run.durationMs)}</Fact>
        <Fact label="Document">
          <RunDocumentLink document={run.document} />
        </Fact>
        {/* A checkpoint is a step the SDK reported within a call, listed below but not a call of its own. */}
        <Fact label="Calls to the app">{attempts.filter((a) => a.outcome !== "checkpoint").length}</Fact>
      </dl>
      {run.error ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <span className="font-semibold">{run.error.name ?? "Error"}:</span> {run.error.message}
        </p>
      ) : null}
      <h2 className="mb-2 text-lg font-semibold">Steps</h2>
      <Table aria-label="Steps">
        <TableColumns
          columns={[
            "Step",
            "Kind",
            "Status",
            { label: "Attempts", className: "text-right" },
            { label: "Duration", className: "text-right" },
          ]}
        />
        <TableBody>
          {steps.map((step) => (
            <TableRow key={step.stepId}>
              <TableCell>
                <span className="font-medium">{step.name ?? step.stepId}</span>
                {step.error?.message ? <p className="text-xs text-red-700">{step.error.message}</p> : null}
              </TableCell>
              <TableCell>{step.kind}</TableCell>
              <TableCell>
                <RunStatusBadge status={step.status} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{step.attempts}</TableCell>
              <TableCell className="text-right tabular-nums">{formatDuration(step.durationMs)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <h2 className="mt-8 mb-2 text-lg font-semibold">Calls</h2>
      <Table aria-label="Calls">
        <TableColumns
          columns={[
            "At",
            "Step",
            { label: "Attempt", className: "text-right" },
            "Outcome",
            { label: "HTTP", className: "text-right" },
            { label: "Duration", className: "text-right" },
          ]}
        />
        <TableBody>
          {attempts.map((a, i) => (
            <TableRow key={i}>
              <TableCell className="text-slate-600">{formatTime(a.startedAt)}</TableCell>
              <TableCell className="font-mono text-xs">{stepLabel(a.stepId, steps)}</TableCell>
              <TableCell className="text-right tabular-nums">{a.attempt}</TableCell>
              <TableCell>
                {a.outcome}
                {a.error?.message ? <p className="text-xs text-red-700">{a.error.message}</p> : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{a.httpStatus ?? "—"}</TableCell>
              <TableCell className="text-right tabular-nums">{formatDuration(a.durationMs)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

function stepLabel(stepId: string, steps: { stepId: string; name: string | null }[]): string {
  if (stepId === "step") return "discovery";
  return steps.find((s) => s.stepId === stepId)?.name ?? stepId.slice(0, 12);
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}
