import type { Extraction } from "../documents/types";
import type { Role } from "../roles";
import type { FieldValues } from "./edits";
import {
  correctedFields,
  systemActors,
  taskAuditActions,
  taskTimeline,
  type AssignmentKind,
  type AuditActor,
  type TaskAuditEntry,
  type TimelineEntry,
} from "../timeline";

/**
 * A task's life as pure functions: open until a decision resolves it, the deadline expires it, or it is
 * cancelled, and nothing after that. Each transition takes the task as read under its row lock and answers with a
 * refusal or the change to apply — the columns to set and what the audit log and the timeline record — so the
 * query that holds the lock only reads, asks, and writes.
 */

export const taskStatuses = ["open", "resolved", "expired", "cancelled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export const taskStatusLabels: Record<TaskStatus, string> = {
  open: "Open",
  resolved: "Decided",
  expired: "Expired",
  cancelled: "Cancelled",
};

/** The task as its row reads under the lock: what the transitions weigh. */
export type LockedTask = {
  id: string;
  /** A task decides a document or a ticket, never both (`tasks_one_subject`). */
  documentId: string | null;
  ticketId?: string | null;
  status: TaskStatus;
  title: string;
  proposed: unknown;
  assignedRole: Role;
  assigneeId: string | null;
  amountMinor: number | null;
  currency: string | null;
};

/** A person acting on a task. */
export type TaskActor = { id: string; label: string };

/** The task's columns a transition may set. */
export type TaskChanges = Partial<{
  status: TaskStatus;
  resolvedAt: Date;
  resolvedBy: string;
  action: string;
  parameters: Record<string, unknown>;
  decided: Partial<FieldValues> | null;
  assigneeId: string | null;
  assignedRole: Role;
  title: string;
  amountMinor: number | null;
  currency: string | null;
}>;

/** A transition that happens: the columns to set, then the audit entries and timeline lines, in writing order. */
export type Change = { ok: true; set: TaskChanges; audit: TaskAuditEntry[]; timeline: TimelineEntry[] };
export type Refusal<R extends string> = { ok: false; reason: R };

export type ClosedReason = "already_resolved" | "expired" | "cancelled";

/** Why a task that is no longer open cannot be decided. */
export function closedReason(status: Exclude<TaskStatus, "open">): ClosedReason {
  return status === "resolved" ? "already_resolved" : status;
}

/** A task is in a user's inbox when it is their role's or assigned to them; admins see every queue. */
export function isVisibleTo(
  task: Pick<LockedTask, "assignedRole" | "assigneeId">,
  user: { id: string; role: Role },
): boolean {
  return user.role === "admin" || task.assignedRole === user.role || task.assigneeId === user.id;
}

/**
 * Who holds the task and so keeps `user` from working it, or null: only the holder works a claimed task, or an
 * admin, who may take over any claim.
 */
export function otherHolder(task: Pick<LockedTask, "assigneeId">, user: { id: string; role: Role }): string | null {
  return task.assigneeId !== null && task.assigneeId !== user.id && user.role !== "admin" ? task.assigneeId : null;
}

/** Who corrected the fields last, from the extraction's provider; null when a model or the extractor read them. */
export function editorOf(provider: string): string | null {
  return provider.startsWith("person:") ? provider.slice("person:".length) : null;
}

const about = (task: Pick<LockedTask, "id" | "documentId" | "ticketId">) => ({
  subjectType: "task" as const,
  subjectId: task.id,
  correlationId: task.documentId ?? task.ticketId ?? task.id,
});

/**
 * The document timeline's lines for a task's event: none for a ticket's task, whose timeline is read from the audit
 * log by the ticket (domain/tickets/timeline.ts).
 */
function onDocument(
  task: Pick<LockedTask, "documentId">,
  ...entries: Omit<TimelineEntry, "documentId">[]
): TimelineEntry[] {
  const { documentId } = task;
  return documentId === null ? [] : entries.map((entry) => ({ documentId, ...entry }));
}

/** What opening a task records; the row itself is the run's to insert. */
export function opening(
  task: Pick<LockedTask, "id" | "documentId" | "ticketId" | "title"> & { type: string; reasons: unknown },
): Change {
  return {
    ok: true,
    set: {},
    audit: [
      {
        actor: systemActors.pipeline,
        action: taskAuditActions.opened,
        ...about(task),
        after: { type: task.type, reasons: task.reasons },
      },
    ],
    timeline: onDocument(task, {
      kind: "task_opened",
      label: taskTimeline.opened(task.title),
      data: { taskId: task.id, type: task.type },
      dedupeKey: `task:${task.id}`,
    }),
  };
}

/** The deadline passed with the task still open: it expires with the safe default's reason. A decision that landed first wins. */
export function expiry(task: LockedTask, reason: string, now: Date): Change | Refusal<"not_open"> {
  if (task.status !== "open") return { ok: false, reason: "not_open" };
  return {
    ok: true,
    set: { status: "expired", resolvedAt: now, action: "expire", parameters: { reason } },
    audit: [{ actor: systemActors.deadline, action: taskAuditActions.expired, ...about(task), after: { reason } }],
    timeline: [],
  };
}

export type Resolution = {
  actor: TaskActor;
  action: string;
  parameters: Record<string, unknown>;
  decided?: Partial<FieldValues>;
};

/** A decision that needs one person: open → resolved, exactly once; whoever comes second learns what happened. */
export function resolution(task: LockedTask, decision: Resolution, now: Date): Change | Refusal<ClosedReason> {
  if (task.status !== "open") return { ok: false, reason: closedReason(task.status) };
  const { actor, action, parameters } = decision;
  return {
    ok: true,
    set: {
      status: "resolved",
      resolvedAt: now,
      resolvedBy: actor.id,
      action,
      parameters,
      decided: decision.decided ?? null,
    },
    audit: [
      {
        actor,
        action: taskAuditActions.decided(action),
        ...about(task),
        before: { status: "open" },
        after: { status: "resolved", action, parameters },
      },
    ],
    timeline: onDocument(task, {
      kind: "decision",
      label: taskTimeline.resolved(
        actor.label,
        action,
        task.title,
        typeof parameters.reason === "string" ? parameters.reason : undefined,
      ),
      data: { taskId: task.id, parameters },
      dedupeKey: `decision:${task.id}`,
    }),
  };
}

/**
 * A claim (`to` is the actor), a release (`to: null`) or a hand-over to someone else. Only an unclaimed task or one
 * the actor already holds can be claimed, so two people cannot both hold it; `force` (an admin) overrides a claim.
 */
export function assignment(
  task: LockedTask,
  request: { actor: TaskActor; to: string | null; force?: boolean },
): Change | Refusal<"not_open" | "claimed_by_other"> {
  if (task.status !== "open") return { ok: false, reason: "not_open" };
  const { actor, to } = request;
  if (!request.force && task.assigneeId !== null && task.assigneeId !== actor.id)
    return { ok: false, reason: "claimed_by_other" };
  const kind: AssignmentKind = to === null ? "released" : to === actor.id ? "claimed" : "reassigned";
  return {
    ok: true,
    set: { assigneeId: to },
    audit: [
      {
        actor,
        action: taskAuditActions.assigned(kind),
        ...about(task),
        before: { assigneeId: task.assigneeId },
        after: { assigneeId: to },
      },
    ],
    timeline: onDocument(task, { kind: "assignment", label: taskTimeline.assigned(actor.label, kind) }),
  };
}

/** Nobody decided in time: the task widens to another role and any claim is released. */
export function escalation(task: LockedTask, toRole: Role): Change | Refusal<"not_open" | "already_there"> {
  if (task.status !== "open") return { ok: false, reason: "not_open" };
  if (task.assignedRole === toRole) return { ok: false, reason: "already_there" };
  return {
    ok: true,
    set: { assignedRole: toRole, assigneeId: null },
    audit: [
      {
        actor: systemActors.deadline,
        action: taskAuditActions.escalated,
        ...about(task),
        before: { assignedRole: task.assignedRole, assigneeId: task.assigneeId },
        after: { assignedRole: toRole },
      },
    ],
    timeline: [],
  };
}

/** A person's corrections, applied with their approval: the corrected extraction and what it changes on the task. */
export type TaskEdit = {
  extraction: Extraction;
  changes: unknown[];
  title: string;
  amountMinor: number | null;
  currency: string | null;
};

export type ApprovalRequest = {
  actor: TaskActor;
  /** How many distinct people must approve (`approvalsRequired`: four eyes above the threshold). */
  required: number;
  /** The extraction the approver saw; null decides on the fields as they are (an email link shows none). */
  seenExtractionId: string | null;
  edit?: TaskEdit | undefined;
  /** Saves `edit` without approving, voiding every approval: whoever corrects a spending task may not approve it. */
  saveOnly?: boolean | undefined;
  record: { action: string; parameters: Record<string, unknown>; decided: Partial<FieldValues> | null };
  /** Recorded with this person's approval (the exchange rate their limit was judged at). */
  approval?: Record<string, unknown> | undefined;
};

/** The facts under the lock besides the task: the document's latest extraction and who has approved, oldest first. */
export type ApprovalState = { latest: { id: string; provider: string } | null; approvedBy: readonly string[] };

export type ApprovalChange = Change & {
  /** Approvals to delete: given to values the edit changed. */
  voided: string[];
  /** Whether the actor's approval is a new row. */
  approves: boolean;
  /** Everyone whose approval stands after this one, oldest first. */
  approvers: string[];
  resolved: boolean;
};

export type ApprovalRefusal =
  Refusal<ClosedReason | "already_approved_by_you"> | { ok: false; reason: "stale"; editedBy: string | null };

/**
 * One approval. The task resolves once `required` distinct people have approved. An approver who saw other fields
 * than the latest is told to look again. An edit voids the approvals given before it, which were given to other
 * values — all of them when it is only saved, everyone's but the editor's when the editor approves with it.
 */
export function approval(
  task: LockedTask,
  request: ApprovalRequest,
  state: ApprovalState,
  now: Date,
): ApprovalChange | ApprovalRefusal {
  if (task.status !== "open") return { ok: false, reason: closedReason(task.status) };
  const { actor, edit } = request;
  const { latest } = state;
  if (request.seenExtractionId !== null && latest && latest.id !== request.seenExtractionId)
    return { ok: false, reason: "stale", editedBy: editorOf(latest.provider) };

  const set: TaskChanges = {};
  const audit: TaskAuditEntry[] = [];
  const timeline: TimelineEntry[] = [];
  const voided = edit ? state.approvedBy.filter((id) => request.saveOnly || id !== actor.id) : [];
  if (edit) {
    Object.assign(set, { title: edit.title, amountMinor: edit.amountMinor, currency: edit.currency });
    audit.push({
      actor,
      action: taskAuditActions.fieldsEdited,
      ...about(task),
      before: { amountMinor: task.amountMinor, currency: task.currency },
      after: { changes: edit.changes, voidedApprovals: voided },
    });
    timeline.push(
      ...onDocument(task, {
        kind: "decision",
        label: taskTimeline.corrected(actor.label, correctedFields(edit.changes, edit.currency), voided.length > 0),
        data: { taskId: task.id, changes: edit.changes },
      }),
    );
  }
  const standing = state.approvedBy.filter((id) => !voided.includes(id));
  if (request.saveOnly)
    return { ok: true, set, audit, timeline, voided, approves: false, approvers: standing, resolved: false };

  const approves = !standing.includes(actor.id);
  if (!approves && !edit) return { ok: false, reason: "already_approved_by_you" };
  const approvers = approves ? [...standing, actor.id] : standing;
  audit.push({
    actor,
    action: taskAuditActions.approvalGiven,
    ...about(task),
    after: { approvals: approvers.length, required: request.required, ...request.approval },
  });
  if (approvers.length < request.required) {
    timeline.push(
      ...onDocument(task, {
        kind: "decision",
        label: taskTimeline.waitingForSecond(actor.label, approvers.length, request.required),
        dedupeKey: `approval:${task.id}:${actor.id}:${latest?.id ?? ""}`,
      }),
    );
    return { ok: true, set, audit, timeline, voided, approves, approvers, resolved: false };
  }

  const { action, decided } = request.record;
  const parameters = { ...request.record.parameters, approvers };
  Object.assign(set, {
    status: "resolved",
    resolvedAt: now,
    resolvedBy: actor.id,
    action,
    parameters,
    decided,
  } satisfies TaskChanges);
  audit.push({
    actor,
    action: taskAuditActions.decided(action),
    ...about(task),
    before: { status: "open", proposed: task.proposed },
    after: { status: "resolved", action, parameters, decided },
  });
  const title = edit ? edit.title : task.title;
  timeline.push(
    ...onDocument(task, {
      kind: "decision",
      label: taskTimeline.approved(actor.label, action, title),
      data: { taskId: task.id, parameters },
      dedupeKey: `decision:${task.id}`,
    }),
  );
  return { ok: true, set, audit, timeline, voided, approves, approvers, resolved: true };
}

export type VendorQuery = { to: string; subject: string; body: string };

/** A question to the vendor about an open task's document: the task stays open, the decision still a person's. */
export function vendorQuestion(task: LockedTask, actor: AuditActor, query: VendorQuery): Change | Refusal<"not_open"> {
  if (task.status !== "open") return { ok: false, reason: "not_open" };
  return {
    ok: true,
    set: {},
    audit: [
      { actor, action: taskAuditActions.vendorAsked, ...about(task), after: { to: query.to, subject: query.subject } },
    ],
    timeline: onDocument(task, {
      kind: "vendor_query",
      label: taskTimeline.vendorAsked(actor.label, query.to, query.subject),
      data: { taskId: task.id },
    }),
  };
}
