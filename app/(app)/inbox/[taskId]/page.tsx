import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/app-shell";
import { Badge } from "@/components/ui/badge";
import { getDocumentText, getLatestExtraction } from "@/db/queries/documents";
import { getInboxTask, listVendorQueries } from "@/db/queries/tasks";
import { isVisibleTo } from "@/domain/tasks/lifecycle";
import { getVendorById } from "@/db/queries/vendors";
import { getUserById, listUsers } from "@/db/queries/users";
import type { Evidence, Extraction, ExtractedText } from "@/domain/documents/types";
import { formatMoney, isCurrencyCode } from "@/domain/money";
import { fieldLabel } from "@/domain/rules/fields";
import { classLabel } from "@/domain/tasks/describe";
import { draftVendorQuery } from "@/domain/tasks/vendor-query";
import { editableFields, fieldEvidence, fieldKind, fieldValues, formatFieldValue } from "@/domain/tasks/edits";
import { actionAvailable } from "@/domain/tasks/actions";
import { approvalsRequired, isSpending, mayAct } from "@/domain/tasks/policy";
import { approvalFacts } from "@/services/tasks/decide";
import { RateUsed } from "./_components/rate-used";
import { highlight } from "@/lib/highlight";
import { env } from "@/lib/env";
import { requirePermission } from "@/services/auth/session";
import { AssignControls } from "./_components/assign-controls";
import { DuplicateComparison } from "./_components/duplicate-comparison";
import { AskVendor } from "./_components/ask-vendor";
import { TaskWorkspace, type FieldView, type PageView } from "./_components/task-workspace";
import { NewVendorReview } from "./_components/new-vendor-review";
import { bankCheckAdvice, prefillNewVendor } from "@/domain/tasks/new-vendor";
import { formatBankDetails, formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Task" };

export default async function TaskPage({ params, searchParams }: { params: Promise<{ taskId: string }>; searchParams: Promise<{ edit?: string }> }) {
  const user = await requirePermission("inbox:view");
  const { taskId } = await params;
  const { edit } = await searchParams;
  const task = await getInboxTask(taskId);
  if (!task || !isVisibleTo(task, user)) notFound();
  const [extraction, text, holder, users, facts, vendor, asked] = await Promise.all([
    getLatestExtraction(task.documentId),
    getDocumentText(task.documentId),
    task.assigneeId ? getUserById(task.assigneeId) : undefined,
    user.role === "admin" ? listUsers() : undefined,
    approvalFacts(task),
    task.vendorId ? getVendorById(task.vendorId) : undefined,
    listVendorQueries(task.id),
  ]);
  const f = extraction?.extraction.fields;
  const draft = draftVendorQuery(
    {
      vendorName: vendor?.name ?? task.vendorName,
      documentLabel: classLabel[extraction?.extraction.documentClass.value ?? "other"] ?? "document",
      documentNumber: f?.documentNumber.value ?? null,
      issueDate: f?.issueDate.value ?? null,
      totalMinor: task.amountMinor,
      currency: task.currency,
    },
    extraction?.findings ?? [],
  );
  const mayReject = mayAct(user, task, "reject");
  const asking = actionAvailable(task.type, "ask_vendor");
  const editing = actionAvailable(task.type, "edit_and_approve");
  const offered = actionAvailable(task.type, "approve");
  const { fields, readOnly, pages } = extraction ? workspaceOf(extraction.extraction, text) : { fields: [], readOnly: [], pages: [] };
  const required = approvalsRequired(task, env().KEEL_FOUR_EYES_FROM_MINOR, facts.rates);
  const approvedBy = facts.approvedBy;
  const candidates = users?.filter((u) => u.role === task.assignedRole || u.role === "admin").map((u) => ({ id: u.id, name: u.name })) ?? null;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/inbox" className="text-slate-600 underline-offset-4 hover:underline">
          ← Inbox
        </Link>
      </p>
      <PageHeader
        title={task.title}
        description={`${task.type} · due ${formatUtc(task.deadlineAt)}`}
        actions={<Badge tone={task.status === "open" ? "warning" : "neutral"}>{task.status}</Badge>}
      />
      <div className="mb-6 grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          <section aria-label="Why" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 className="mb-2 font-semibold">Why this needs you</h2>
            <ul className="list-disc space-y-1 pl-5">
              {task.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </section>
          {extraction?.findings?.length ? (
            <section aria-label="Findings" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 className="mb-2 font-semibold">Rule findings</h2>
              <ul className="space-y-2">
                {extraction.findings.map((f, i) => (
                  <li key={i} className="flex gap-2">
                    <Badge tone={f.severity === "error" ? "danger" : f.severity === "warning" ? "warning" : "neutral"}>{f.rule}</Badge>
                    <span>{f.message}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {asked.length > 0 ? (
            <section aria-label="Questions to the vendor" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <h2 className="mb-2 font-semibold">Asked the vendor</h2>
              <ul className="space-y-1">
                {asked.map((q) => (
                  <li key={q.id}>
                    {formatUtc(q.createdAt)} to {q.to}: “{q.subject}” <Badge tone={q.status === "failed" ? "danger" : "neutral"}>{q.status}</Badge>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <div className="space-y-4 self-start">
          <RateUsed task={task} user={user} rates={facts.rates} />
          <AssignControls taskId={task.id} meId={user.id} holder={holder ? { id: holder.id, name: holder.name } : null} candidates={task.status === "open" ? candidates : null} />
          {required > 1 ? (
            <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
              Four eyes: {required} different approvers must approve this amount. Approved so far: {approvedBy.length}.
            </p>
          ) : null}
          <p className="text-sm">
            <Link href={`/documents/${task.documentId}`} className="font-medium underline underline-offset-4">
              {task.filename}
            </Link>
            : timeline and steps ·{" "}
            <a href={`/api/documents/${task.documentId}/original`} target="_blank" rel="noreferrer" className="underline underline-offset-4">
              original
            </a>
          </p>
        </div>
      </div>
      {task.type === "CONFIRM_NEW_VENDOR" && extraction ? <NewVendorReview taskId={task.id} values={prefillNewVendor(extraction.extraction.fields, text)} bankCheckAdvice={bankCheckAdvice} disabledReason={mayReject.allowed ? null : mayReject.reason} /> : null}
      {task.type === "CONFIRM_DUPLICATE" ? <DuplicateComparison documentId={task.documentId} findings={extraction?.findings ?? []} /> : null}
      <TaskWorkspace
        key={extraction?.id ?? "none"}
        taskId={task.id}
        extractionId={extraction?.id ?? null}
        fields={fields}
        readOnly={readOnly}
        pages={pages}
        source={text ? sourceLabels[text.source] : "no text"}
        approve={offered.allowed ? mayAct(user, task, "approve", facts) : offered}
        spend={isSpending(task.type) ? { title: task.title, amount: task.amountMinor !== null && task.currency ? formatMoney({ minor: task.amountMinor, currency: task.currency }) : "no amount read", vendor: vendor?.name ?? task.vendorName ?? "unknown vendor" } : null}
        reject={mayReject}
        editing={editing}
        startEditing={edit === "1"}
        more={<AskVendor taskId={task.id} draft={{ to: vendor?.email ?? "", ...draft }} disabledReason={!asking.allowed ? asking.reason : mayReject.allowed ? null : mayReject.reason} />}
      />
    </>
  );
}

const sourceLabels: Record<ExtractedText["source"], string> = {
  "pdf-text": "text layer of the PDF",
  ocr: "read by OCR",
  email: "email",
  csv: "CSV",
  xlsx: "spreadsheet",
  text: "plain text",
};

/** The fields as the page edits them, those it only shows, and the document's pages with every field's evidence marked. */
function workspaceOf(extraction: Extraction, text: ExtractedText | undefined): { fields: FieldView[]; readOnly: FieldView[]; pages: PageView[] } {
  const values = fieldValues(extraction);
  const currency = typeof values.currency === "string" ? values.currency : null;
  const evidence = fieldEvidence(extraction);
  const fields = editableFields.map((name, i): FieldView => {
    const seen = evidence[i];
    return {
      name,
      label: fieldLabel(name, extraction.documentClass.value).replace(/^./, (c) => c.toUpperCase()),
      kind: fieldKind(name),
      value: formatFieldValue(name, values[name], currency),
      suffix: fieldKind(name) === "money" ? currency : null,
      confidence: seen?.confidence ?? 0,
      evidencePage: seen?.evidence?.page ?? null,
    };
  });
  const { bankDetails, lines } = extraction.fields;
  const money = (minor: number | null) => (minor === null ? "?" : currency && isCurrencyCode(currency) ? formatMoney({ minor, currency }) : String(minor));
  const shown: { view: FieldView; evidence: Evidence | null }[] = [
    ...(bankDetails.value
      ? [{ view: { name: "bankDetails", label: "Bank details", kind: "text" as const, value: formatBankDetails(bankDetails.value), suffix: null, confidence: bankDetails.confidence, evidencePage: bankDetails.evidence?.page ?? null }, evidence: bankDetails.evidence }]
      : []),
    ...lines.map((line, i) => {
      const confidence = Math.min(line.description.confidence, line.quantity.confidence, line.unitPriceMinor.confidence, line.amountMinor.confidence);
      const where = line.description.evidence ?? line.amountMinor.evidence;
      const value = `${String(line.quantity.value ?? "?")} × ${line.description.value ?? "?"} at ${money(line.unitPriceMinor.value)} = ${money(line.amountMinor.value)}`;
      return { view: { name: `line-${String(i)}`, label: `Line ${String(i + 1)}`, kind: "text" as const, value, suffix: null, confidence, evidencePage: where?.page ?? null }, evidence: where };
    }),
  ];
  const marks = [
    ...evidence.map((e) => ({ key: e.field, evidence: e.evidence })),
    ...shown.map((s) => ({ key: s.view.name, evidence: s.evidence })),
  ];
  const pages = (text?.pages ?? []).map((page) => ({
    page: page.page,
    segments: highlight(
      page.text,
      marks.flatMap((m) => (m.evidence && m.evidence.page === page.page ? [{ key: m.key, start: m.evidence.start, end: m.evidence.end }] : [])),
    ),
  }));
  return { fields, readOnly: shown.map((s) => s.view), pages };
}
