import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDocumentText, getLatestExtraction } from "@/db/queries/documents";
import { listFieldEdits } from "@/db/queries/field-edits";
import { marksOn } from "@/domain/tasks/edit-marks";
import { getInboxTask, listVendorQueries } from "@/db/queries/tasks";
import { isVisibleTo } from "@/domain/tasks/lifecycle";
import { getVendorById } from "@/db/queries/vendors";
import { getUserById, listUsers } from "@/db/queries/users";
import { formatMoney } from "@/domain/money";
import { classLabel } from "@/domain/tasks/describe";
import { documentOf } from "@/domain/tasks/subject";
import { draftVendorQuery } from "@/domain/tasks/vendor-query";
import { actionAvailable } from "@/domain/tasks/actions";
import { approvalsRequired, isSpending, mayAct } from "@/domain/tasks/policy";
import { approvalFacts } from "@/services/tasks/decide";
import { env } from "@/lib/env";
import { requirePermission } from "@/services/auth/session";
import { DuplicateComparison } from "./_components/duplicate-comparison";
import { AskVendor } from "./_components/ask-vendor";
import { TaskAside } from "./_components/task-aside";
import { TaskBriefing } from "./_components/task-briefing";
import { DecisionRecord } from "./_components/decision-record";
import { EvalCaseNote } from "./_components/eval-case-note";
import { can } from "@/domain/permissions";
import { TaskWorkspace } from "./_components/task-workspace";
import { pageView } from "@/app/(app)/documents/_components/page-view";
import { NewVendorReview } from "./_components/new-vendor-review";
import { sourceLabel, workspaceOf } from "./_components/workspace-view";
import { bankCheckAdvice, prefillNewVendor } from "@/domain/tasks/new-vendor";
import { TicketTask } from "./_components/ticket-task";
import { assignCandidates, TaskHeader } from "./_components/task-header";

export const metadata: Metadata = { title: "Task" };

export default async function TaskPage({
  params,
  searchParams,
}: {
  params: Promise<{ taskId: string }>;
  searchParams: Promise<{ edit?: string }>;
}) {
  const user = await requirePermission("inbox:view");
  const { taskId } = await params;
  const { edit } = await searchParams;
  const task = await getInboxTask(taskId);
  if (!task || !isVisibleTo(task, user)) notFound();
  if (task.ticketId !== null) return <TicketTask task={task} user={user} startEditing={edit === "1"} />;
  const document = documentOf(task);
  const documentId = document.id;
  const [extraction, text, holder, users, facts, vendor, asked, edits] = await Promise.all([
    getLatestExtraction(documentId),
    getDocumentText(documentId),
    task.assigneeId ? getUserById(task.assigneeId) : undefined,
    user.role === "admin" ? listUsers() : undefined,
    approvalFacts(task),
    task.vendorId ? getVendorById(task.vendorId) : undefined,
    listVendorQueries(task.id),
    listFieldEdits(documentId),
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
  // A QA review is decided by whoever may decide it at all; it approves nothing, so no limit or four eyes applies.
  const qa = task.type === "QA_REVIEW";
  const asking = actionAvailable(task.type, "ask_vendor");
  const editing = actionAvailable(task.type, "edit_and_approve");
  const offered = actionAvailable(task.type, "approve");
  const { fields, lines, readOnly, pages } = extraction
    ? workspaceOf(extraction.extraction, text, extraction.findings ?? [], marksOn(extraction.extraction, edits))
    : { fields: [], lines: [], readOnly: [], pages: [] };
  const required = approvalsRequired(task, env().KEEL_FOUR_EYES_FROM_MINOR, facts.rates);
  const candidates = assignCandidates(users, task);
  return (
    <>
      <TaskHeader task={task} subject={{ href: `/documents/${documentId}`, label: "Open the document" }} />
      <div className="mb-6 grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <TaskBriefing reasons={task.reasons} findings={extraction?.findings ?? []} asked={asked} />
        <TaskAside
          task={task}
          user={user}
          rates={facts.rates}
          holder={holder ? { id: holder.id, name: holder.name } : null}
          candidates={candidates}
          required={required}
          approvedSoFar={facts.approvedBy.length}
        />
      </div>
      {task.status === "open" ? null : <DecisionRecord taskId={task.id} />}
      {task.status === "resolved" ? (
        <EvalCaseNote
          taskId={task.id}
          documentId={documentId}
          action={task.action}
          mayPromote={can(user, "evals:manage")}
        />
      ) : null}
      {task.type === "CONFIRM_NEW_VENDOR" && extraction ? (
        <NewVendorReview
          taskId={task.id}
          values={prefillNewVendor(extraction.extraction.fields, text)}
          bankCheckAdvice={bankCheckAdvice}
          disabledReason={mayReject.allowed ? null : mayReject.reason}
        />
      ) : null}
      {task.type === "CONFIRM_DUPLICATE" ? (
        <DuplicateComparison documentId={documentId} findings={extraction?.findings ?? []} />
      ) : null}
      <TaskWorkspace
        key={extraction?.id ?? "none"}
        taskId={task.id}
        closed={task.status !== "open"}
        extractionId={extraction?.id ?? null}
        fields={fields}
        lines={lines}
        readOnly={readOnly}
        pages={pages}
        viewer={pageView(document, extraction?.extraction, text)}
        source={sourceLabel(text)}
        approve={qa ? mayReject : offered.allowed ? mayAct(user, task, "approve", facts) : offered}
        spend={
          isSpending(task.type)
            ? {
                title: task.title,
                amount:
                  task.amountMinor !== null && task.currency
                    ? formatMoney({ minor: task.amountMinor, currency: task.currency })
                    : "no amount read",
                vendor: vendor?.name ?? task.vendorName ?? "unknown vendor",
              }
            : null
        }
        reject={mayReject}
        editing={qa ? mayReject : editing}
        qa={qa}
        startEditing={edit === "1"}
        more={
          qa ? null : (
            <AskVendor
              taskId={task.id}
              draft={{ to: vendor?.email ?? "", ...draft }}
              disabledReason={!asking.allowed ? asking.reason : mayReject.allowed ? null : mayReject.reason}
            />
          )
        }
      />
    </>
  );
}
