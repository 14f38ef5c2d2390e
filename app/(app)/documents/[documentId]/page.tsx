import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { Confidence } from "@/components/documents/confidence";
import { DocumentStatusBadge, inProgressStatuses } from "@/components/documents/document-status";
import { PageHeader } from "@/components/shell/app-shell";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { getDocumentById, getDocumentText, getLatestExtraction, listDocumentEvents, listModelCalls } from "@/db/queries/documents";
import { listTasksForDocument } from "@/db/queries/tasks";
import type { Field } from "@/domain/documents/types";
import { formatMoney } from "@/domain/money";
import { requirePermission } from "@/services/auth/session";
import { formatBankDetails, formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Document" };

type Row = { label: string; field: Field<unknown>; render?: (v: never) => string };

function show(field: Field<unknown>, render?: (v: never) => string): string {
  if (field.value === null) return "—";
  if (render) return render(field.value as never);
  const value = field.value;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  await requirePermission("documents:view");
  const { documentId } = await params;
  const document = await getDocumentById(documentId);
  if (!document) notFound();
  const [text, extraction, events, calls, tasks] = await Promise.all([
    getDocumentText(documentId),
    getLatestExtraction(documentId),
    listDocumentEvents(documentId),
    listModelCalls(documentId),
    listTasksForDocument(documentId),
  ]);
  const f = extraction?.extraction.fields;
  const currency = f?.currency.value ?? document.currency ?? "EUR";
  const money = (minor: number) => formatMoney({ minor, currency });
  const rows: Row[] = f
    ? [
        { label: "Type", field: extraction.extraction.documentClass },
        { label: "Vendor", field: f.vendorName },
        { label: "Vendor tax id", field: f.vendorTaxId },
        { label: "Number", field: f.documentNumber },
        { label: "PO number", field: f.poNumber },
        { label: "Issue date", field: f.issueDate },
        { label: "Due date", field: f.dueDate },
        { label: "Currency", field: f.currency },
        { label: "Subtotal", field: f.subtotalMinor, render: money },
        { label: "Tax", field: f.taxMinor, render: money },
        { label: "Total", field: f.totalMinor, render: money },
        { label: "Payment terms", field: f.paymentTerms },
        { label: "Bank details", field: f.bankDetails, render: formatBankDetails },
      ]
    : [];
  const totalCost = calls.reduce((sum, c) => sum + c.costMicros, 0);
  const totalTokens = calls.reduce((sum, c) => sum + c.inputTokens + c.outputTokens, 0);
  const findings = extraction?.findings ?? [];
  const risk = extraction?.risk as { score: number; level: string; reasons: string[] } | null | undefined;

  return (
    <>
      {/* Review is set a moment before its task opens: keep following until the task is there. */}
      <AutoRefresh active={inProgressStatuses.includes(document.status) || (document.status === "needs_review" && tasks.length === 0)} />
      <p className="mb-2 text-sm">
        <Link href="/documents" className="text-slate-600 underline-offset-4 hover:underline">
          ← Documents
        </Link>
      </p>
      <PageHeader
        title={document.filename}
        description={`${document.kind.toUpperCase()} · ${String(document.sizeBytes)} bytes · received ${formatUtc(document.createdAt)}${document.duplicateCount ? ` · received again ${String(document.duplicateCount)}×` : ""}`}
        actions={
          <div className="flex items-center gap-3">
            <DocumentStatusBadge status={document.status} />
            <a href={`/api/documents/${document.id}/original?download`} className="text-sm underline underline-offset-4">
              Download original
            </a>
          </div>
        }
      />
      {document.status === "failed" ? (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          Processing failed ({document.errorClass}): {document.errorMessage}
        </p>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-label="Original" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-semibold">Original</h2>
          {document.kind === "pdf" ? (
            <iframe title="Original PDF" src={`/api/documents/${document.id}/original`} className="h-[70vh] w-full rounded border border-slate-200" />
          ) : document.kind === "png" || document.kind === "jpeg" ? (
            // eslint-disable-next-line @next/next/no-img-element -- a private, authenticated original, not an optimisable asset
            <img src={`/api/documents/${document.id}/original`} alt={`Scan of ${document.filename}`} className="max-h-[70vh] w-full object-contain" />
          ) : text ? (
            <pre className="max-h-[70vh] overflow-auto text-xs whitespace-pre-wrap">{text.pages.map((p) => p.text).join("\n\n")}</pre>
          ) : (
            <p className="text-sm text-slate-500">The text appears here once it is extracted.</p>
          )}
        </section>
        <div className="space-y-6">
          <section aria-label="Extracted fields" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="mb-3 font-semibold">
              Extracted fields{" "}
              {extraction ? (
                <span className="text-sm font-normal text-slate-500">
                  by {extraction.provider}
                  {extraction.promptVersion ? ` · ${extraction.promptVersion}` : ""}
                </span>
              ) : null}
            </h2>
            {extraction ? (
              <dl className="divide-y divide-slate-100 text-sm">
                {rows.map((row) => (
                  <div key={row.label} className="flex items-start justify-between gap-4 py-1.5">
                    <dt className="text-slate-500">{row.label}</dt>
                    <dd className="flex items-center gap-2 text-right">
                      <span className="break-all">{show(row.field, row.render)}</span>
                      {row.field.value !== null ? <Confidence value={row.field.confidence} /> : null}
                    </dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="text-sm text-slate-500">Not extracted yet.</p>
            )}
            {f && f.lines.length > 0 ? (
              <Table aria-label="Line items" className="mt-4">
                <TableHead>
                  <tr>
                    <TableHeader>Description</TableHeader>
                    <TableHeader className="text-right">Qty</TableHeader>
                    <TableHeader className="text-right">Unit price</TableHeader>
                    <TableHeader className="text-right">Amount</TableHeader>
                  </tr>
                </TableHead>
                <TableBody>
                  {f.lines.map((line, i) => (
                    <TableRow key={i}>
                      <TableCell>{line.description.value ?? "—"}</TableCell>
                      <TableCell className="text-right tabular-nums">{line.quantity.value ?? "—"}</TableCell>
                      <TableCell className="text-right tabular-nums">{line.unitPriceMinor.value !== null ? money(line.unitPriceMinor.value) : "—"}</TableCell>
                      <TableCell className="text-right tabular-nums">{line.amountMinor.value !== null ? money(line.amountMinor.value) : "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : null}
          </section>
          {extraction?.findings ? (
            <section aria-label="Checks" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="mb-3 font-semibold">
                Checks {risk ? <Badge tone={risk.level === "high" ? "danger" : risk.level === "medium" ? "warning" : "success"}>Risk {risk.level} · {risk.score}</Badge> : null}
              </h2>
              {findings.length === 0 ? (
                <p className="text-sm text-slate-600">No rule fired.</p>
              ) : (
                <ul className="space-y-2 text-sm">
                  {findings.map((finding, i) => (
                    <li key={i} className="flex gap-2">
                      <Badge tone={finding.severity === "error" ? "danger" : finding.severity === "warning" ? "warning" : "neutral"}>{finding.rule}</Badge>
                      <span>{finding.message}</span>
                    </li>
                  ))}
                </ul>
              )}
              {risk && risk.reasons.length > 0 ? (
                <ul className="mt-3 list-disc pl-5 text-sm text-slate-600">
                  {risk.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              ) : null}
            </section>
          ) : null}
          {tasks.length > 0 ? (
            <section aria-label="Tasks" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="mb-3 font-semibold">Tasks</h2>
              <ul className="space-y-2 text-sm">
                {tasks.map((task) => (
                  <li key={task.id}>
                    <Badge tone={task.status === "open" ? "warning" : "neutral"}>{task.status}</Badge> {task.title}
                    <span className="text-slate-500"> · due {formatUtc(task.deadlineAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
      <section aria-label="Timeline" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-3 font-semibold">
          Timeline{" "}
          <span className="text-sm font-normal text-slate-500">
            {calls.length} model call(s) · {totalTokens} tokens · ${(totalCost / 1_000_000).toFixed(4)}
          </span>
        </h2>
        <ol className="space-y-2 text-sm">
          {events.map((event) => (
            <li key={event.id} className="flex gap-3">
              <time className="shrink-0 font-mono text-xs text-slate-500" dateTime={event.at.toISOString()}>
                {event.at.toISOString().slice(11, 19)}
              </time>
              <span>{event.label}</span>
            </li>
          ))}
        </ol>
        {calls.length > 0 ? (
          <Table aria-label="Model calls" className="mt-4">
            <TableHead>
              <tr>
                <TableHeader>Model</TableHeader>
                <TableHeader>Prompt</TableHeader>
                <TableHeader>Outcome</TableHeader>
                <TableHeader className="text-right">Tokens in / out / cached</TableHeader>
                <TableHeader className="text-right">Cost</TableHeader>
                <TableHeader className="text-right">Latency</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {calls.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{c.model}</TableCell>
                  <TableCell>{c.promptVersion ?? "—"}</TableCell>
                  <TableCell>
                    {c.outcome}
                    {c.errorClass ? ` (${c.errorClass})` : ""}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {c.inputTokens} / {c.outputTokens} / {c.cachedTokens}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">${(c.costMicros / 1_000_000).toFixed(4)}</TableCell>
                  <TableCell className="text-right tabular-nums">{c.latencyMs} ms</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </section>
    </>
  );
}
