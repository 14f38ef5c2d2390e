import type { Metadata } from "next";
import { BackLink } from "@/components/shell/back-link";
import { notFound } from "next/navigation";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { DocumentStatusBadge, inProgressStatuses } from "@/components/documents/document-status";
import { PageHeader } from "@/components/shell/app-shell";
import {
  getDocumentById,
  getDocumentText,
  getLatestExtraction,
  listDocumentEvents,
  listModelCalls,
} from "@/db/queries/documents";
import { listFieldEdits } from "@/db/queries/field-edits";
import { listTasksForDocument } from "@/db/queries/tasks";
import { marksOn } from "@/domain/tasks/edit-marks";
import { requirePermission } from "@/services/auth/session";
import { formatUtc } from "@/lib/format";
import { formatBytes } from "@/intake/errors";
import { Checks } from "./_components/checks";
import { DocumentTasks } from "./_components/document-tasks";
import { ExtractedFields } from "./_components/extracted-fields";
import { OriginalPanel } from "./_components/original-panel";
import { Timeline } from "./_components/timeline";

export const metadata: Metadata = { title: "Document" };

export default async function DocumentPage({ params }: { params: Promise<{ documentId: string }> }) {
  await requirePermission("documents:view");
  const { documentId } = await params;
  const document = await getDocumentById(documentId);
  if (!document) notFound();
  const [text, extraction, events, calls, tasks, edits] = await Promise.all([
    getDocumentText(documentId),
    getLatestExtraction(documentId),
    listDocumentEvents(documentId),
    listModelCalls(documentId),
    listTasksForDocument(documentId),
    listFieldEdits(documentId),
  ]);

  return (
    <>
      {/* Review is set a moment before its task opens: without pushes, keep polling until the task is there. */}
      <LiveRefresh
        target={{ kind: "document", id: document.id }}
        pollWhileDown={
          inProgressStatuses.includes(document.status) || (document.status === "needs_review" && tasks.length === 0)
        }
      />
      <BackLink href="/documents" label="Documents" />
      <PageHeader
        title={document.filename}
        description={`${document.kind.toUpperCase()} · ${formatBytes(document.sizeBytes, 1)} · received ${formatUtc(document.createdAt)}${document.duplicateCount ? ` · received again ${String(document.duplicateCount)}×` : ""}`}
        actions={
          <div className="flex items-center gap-3">
            <DocumentStatusBadge status={document.status} />
            <a
              href={`/api/documents/${document.id}/original?download`}
              className="text-sm underline underline-offset-4"
            >
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
        <OriginalPanel document={document} text={text} extraction={extraction?.extraction} />
        <div className="space-y-6">
          <ExtractedFields
            extraction={extraction}
            currency={extraction?.extraction.fields.currency.value ?? document.currency ?? "EUR"}
            marks={extraction ? marksOn(extraction.extraction, edits) : {}}
          />
          {extraction?.findings ? <Checks findings={extraction.findings} risk={extraction.risk} /> : null}
          <DocumentTasks tasks={tasks} />
        </div>
      </div>
      <Timeline events={events} calls={calls} />
    </>
  );
}
