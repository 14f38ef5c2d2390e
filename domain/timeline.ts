import type { Role } from "./roles";

/**
 * Every sentence the document timeline and the audit log hold about a task, in one place: call sites pass facts,
 * never wording. Timelines and audit entries already written keep these exact strings, and tests, the e2e suite
 * and people's searches read them, so a change here is a change to history's vocabulary.
 */

/** One line of a document's timeline; a `dedupeKey` makes a repeated step write it once. */
export type TimelineEntry = { documentId: string; kind: string; label: string; data?: Record<string, unknown>; dedupeKey?: string };

/** Who acted, as the audit log names them: a person, or the part of Keel that acted on its own. */
export type AuditActor = { id: string | null; label: string };

/** One audit entry about a task; the task is its subject and its document the correlation. */
export type TaskAuditEntry = {
  actor: AuditActor;
  action: string;
  subjectType: "task";
  subjectId: string;
  correlationId: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

/** The parts of Keel that change a task without a person. */
export const systemActors = { pipeline: { id: null, label: "pipeline" }, deadline: { id: null, label: "deadline" } } as const;

export type AssignmentKind = "claimed" | "released" | "reassigned";

/** The audit action for each thing that happens to a task. */
export const taskAuditActions = {
  opened: "task.opened",
  expired: "task.expired",
  escalated: "task.escalated",
  fieldsEdited: "task.fields_edited",
  approvalGiven: "task.approval_given",
  vendorAsked: "task.vendor_asked",
  decided: (action: string) => `task.${action}`,
  assigned: (kind: AssignmentKind) => `task.${kind}`,
} as const;

export const taskTimeline = {
  opened: (title: string) => `Task opened: ${title}`,
  // An approval spells its action with spaces ("edit and approve"), other resolutions as named ("create_vendor"):
  // timelines already written hold both.
  resolved: (by: string, action: string, title: string) => `${by} chose ${action}: ${title}`,
  approved: (by: string, action: string, title: string) => `${by} chose ${action.replaceAll("_", " ")}: ${title}`,
  assigned: (by: string, kind: AssignmentKind) => `${by}: ${kind}`,
  corrected: (by: string, fields: number, voidedApprovals: boolean) =>
    `${by} corrected ${String(fields)} field(s)${voidedApprovals ? "; earlier approvals voided" : ""}`,
  waitingForSecond: (by: string, approvals: number, required: number) =>
    `${by} approved (${String(approvals)} of ${String(required)}); waiting for a second approver`,
  vendorAsked: (by: string, to: string, subject: string) => `${by} asked the vendor (${to}): ${subject}`,
  reminded: (emails: number, due: string) => `Reminder sent (${String(emails)} email(s)); due ${due}`,
  escalated: (toRole: Role, emails: number, due: string) => `Escalated to ${toRole}s (${String(emails)} email(s)); due ${due}`,
} as const;
