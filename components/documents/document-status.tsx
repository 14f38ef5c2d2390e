import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { DocumentStatus } from "@/domain/document-status";

const labels: Record<DocumentStatus, { label: string; tone: BadgeTone }> = {
  received: { label: "Received", tone: "neutral" },
  extracting: { label: "Extracting", tone: "info" },
  needs_review: { label: "Needs review", tone: "warning" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Rejected", tone: "neutral" },
  posted: { label: "Posted", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

/** Each status's label, for choices and headings. */
export const documentStatusLabels = Object.fromEntries(
  Object.entries(labels).map(([status, { label }]) => [status, label]),
) as Record<DocumentStatus, string>;

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const { label, tone } = labels[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** Statuses the pipeline will still move on from by itself: pages showing them refresh. */
export const inProgressStatuses: DocumentStatus[] = ["received", "extracting", "approved"];
