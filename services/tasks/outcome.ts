import type { Conversion } from "@/domain/fx";
import type { ActionFailure } from "@/lib/errors";
import { formatUtc } from "@/lib/format";

/**
 * What happened: resolved, or waiting for a second approver, or (`correctedOnly`) the person's corrections were
 * saved and someone else must approve.
 */
export type DecideOutcome = {
  resolved: boolean;
  /** What the task decided, for the caller to refresh: one of the two is set. */
  documentId: string | null;
  ticketId: string | null;
  correctedOnly?: true;
  conversion?: Conversion;
};

export const subjectOf = (task: { documentId: string | null; ticketId: string | null }) => ({
  documentId: task.documentId,
  ticketId: task.ticketId,
});

const when = (d: Date | null) => (d ? formatUtc(d) : "earlier");

/** The answer to a decision on a task someone closed first: who decided what, or that it expired, and when. */
export const closed = (
  task: { status: string; action: string | null; resolvedAt: Date | null } | undefined,
): ActionFailure => ({
  ok: false,
  code: "conflict:task",
  message: `This task was already ${task?.status === "resolved" ? `decided (${task.action ?? "?"})` : (task?.status ?? "closed")} at ${when(task?.resolvedAt ?? null)}.`,
});
