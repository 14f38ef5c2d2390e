import { formatMoney, isCurrencyCode } from "./money";
import type { Role } from "./roles";
import type { Route } from "./routing";
import { taskTypeLabels } from "./task-types";
import { fieldKind, isExtractionFieldName, lineFieldSpecs, type LineFieldName } from "./documents/fields";

/**
 * Every sentence the document timeline holds, and the audit log about a task, in one place: call sites pass facts,
 * never wording. Timelines and audit entries already written keep these exact strings, and tests, the e2e suite
 * and people's searches read them, so a change here is a change to history's vocabulary.
 */

/** One line of a document's timeline; a `dedupeKey` makes a repeated step write it once. */
export type TimelineEntry = {
  documentId: string;
  kind: string;
  label: string;
  data?: Record<string, unknown>;
  dedupeKey?: string;
};

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
export const systemActors = {
  pipeline: { id: null, label: "pipeline" },
  deadline: { id: null, label: "deadline" },
  inboundEmail: { id: null, label: "inbound email" },
} as const;

export type AssignmentKind = "claimed" | "released" | "reassigned";

/** The audit action for each thing that happens to a task. */
export const taskAuditActions = {
  opened: "task.opened",
  expired: "task.expired",
  escalated: "task.escalated",
  fieldsEdited: "task.fields_edited",
  approvalGiven: "task.approval_given",
  vendorAsked: "task.vendor_asked",
  /** An admin froze the task's document, with its fields as decided, into an eval case. */
  promotedToEvalCase: "task.promoted_to_eval_case",
  /** An emailed action link that could not act; its reason says at which stage and why. */
  linkRefused: "task_link.refused",
  decided: (action: string) => `task.${action}`,
  assigned: (kind: AssignmentKind) => `task.${kind}`,
} as const;

/** The audit action for each message that reaches a ticket; the ticket is the subject and the correlation. */
export const ticketAuditActions = {
  /** A message that started a new ticket. */
  received: "ticket.received",
  /** A customer's reply that joined the ticket it answers. */
  messageReceived: "ticket.message_received",
} as const;

/** The audit action for each change to how Keel is operated (Settings → Operations). */
export const operationsAuditActions = {
  settingsUpdated: "operating_settings.updated",
} as const;

/** The audit action for each change an admin makes to an alert rule (Settings → Alerts). */
export const alertAuditActions = {
  ruleCreated: "alert_rule.created",
  ruleUpdated: "alert_rule.updated",
} as const;

/** A corrected field as people read it: its label, and its value before and after. */
export type CorrectedField = { label: string; from: string; to: string };

type RecordedChange = { field?: unknown; label?: unknown; proposed?: unknown; decided?: unknown };

/** Whether a recorded change's field holds an amount: a header field ("totalMinor") or a line's cell ("lines[1].amountMinor"). */
function holdsMoney(field: string): boolean {
  const cell = /^lines\[\d+\]\.(\w+)$/.exec(field)?.[1];
  if (cell !== undefined) return cell in lineFieldSpecs && lineFieldSpecs[cell as LineFieldName].kind === "money";
  return isExtractionFieldName(field) && fieldKind(field) === "money";
}

function readValue(field: unknown, value: unknown, currency: string | null): string {
  if (value === null || value === undefined || value === "") return "empty";
  if (
    typeof value === "number" &&
    typeof field === "string" &&
    holdsMoney(field) &&
    currency &&
    isCurrencyCode(currency)
  )
    return formatMoney({ minor: value, currency });
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/**
 * The changes a correction recorded (each `{ field, label, proposed, decided }`), in words; amounts in the currency
 * decided with them. A change without a label is named by its field, so nothing a person changed goes unnamed.
 */
export function correctedFields(changes: readonly unknown[], currency: string | null): CorrectedField[] {
  return changes.map((raw) => {
    const change: RecordedChange = typeof raw === "object" && raw !== null ? raw : {};
    const name =
      typeof change.label === "string" ? change.label : typeof change.field === "string" ? change.field : "a field";
    return {
      label: name,
      from: readValue(change.field, change.proposed, currency),
      to: readValue(change.field, change.decided, currency),
    };
  });
}

const listChanges = (changes: readonly CorrectedField[]) =>
  changes.map((c) => `${c.label}: ${c.from} → ${c.to}`).join("; ");

export const taskTimeline = {
  opened: (title: string) => `Task opened: ${title}`,
  // An approval spells its action with spaces ("edit and approve"), other resolutions as named ("create_vendor"):
  // timelines already written hold both.
  // A rejection's reason follows its title, so the document's timeline says why as well as who.
  resolved: (by: string, action: string, title: string, reason?: string) =>
    `${by} chose ${action}: ${title}${reason ? ` — ${reason}` : ""}`,
  approved: (by: string, action: string, title: string) => `${by} chose ${action.replaceAll("_", " ")}: ${title}`,
  assigned: (by: string, kind: AssignmentKind) => `${by}: ${kind}`,
  // Timelines written before fields were named say "corrected N field(s)"; they stay as written.
  corrected: (by: string, changes: readonly CorrectedField[], voidedApprovals: boolean) =>
    `${by} corrected ${listChanges(changes)}${voidedApprovals ? " (earlier approvals voided)" : ""}`,
  waitingForSecond: (by: string, approvals: number, required: number) =>
    `${by} approved (${String(approvals)} of ${String(required)}); waiting for a second approver`,
  vendorAsked: (by: string, to: string, subject: string) => `${by} asked the vendor (${to}): ${subject}`,
  /** A QA review's finding: recorded for the monitor; the posted document is not changed by it. */
  qaErrorsReported: (by: string, changes: readonly CorrectedField[]) =>
    `${by} reported reading errors in a QA review: ${listChanges(changes)} (the posted document is unchanged)`,
  reminded: (emails: number, due: string) => `Reminder sent (${String(emails)} email(s)); due ${due}`,
  escalated: (toRole: Role, emails: number, due: string) =>
    `Escalated to ${toRole}s (${String(emails)} email(s)); due ${due}`,
} as const;

/** What the document pipeline says at each step. */
export const documentTimeline = {
  started: "Processing started",
  textExtracted: (text: { source: string; pages: number; characters: number }) =>
    `Text extracted (${text.source}, ${String(text.pages)} page(s), ${String(text.characters)} characters)`,
  pagesRead: (read: { first: number; last: number; total: number; ms: number }) =>
    `${read.first === read.last ? `Page ${String(read.first)}` : `Pages ${String(read.first)}–${String(read.last)}`} of ${String(read.total)} read by OCR in ${String(Math.round(read.ms / 1000))} s`,
  attachmentRefused: (filename: string, reason: string) => `Attachment ${filename} was not taken: ${reason}`,
  modelGaveWay: (fallback: { provider: string; failureClass: string; reason: string }) =>
    `Model ${fallback.provider} gave way (${fallback.failureClass}): ${fallback.reason}`,
  fieldsExtracted: (provider: string, promptVersion: string | null) =>
    `Fields extracted by ${provider}${promptVersion ? ` (${promptVersion})` : ""}`,
  /** `decided`: how many tasks people already decided on this document. */
  checked: (route: Route, risk: { level: string; score: number }, decided: number) =>
    route.kind === "auto_post"
      ? decided > 0
        ? "Nothing else needs a person; will post"
        : `Checks passed: risk ${risk.level} (${String(risk.score)}); will post without review`
      : `Needs a person: ${taskTypeLabels[route.taskType]} — ${route.reasons[0] ?? "see findings"}`,
  posted: (outcomes: readonly { effect: string; outcome: string }[]) =>
    outcomes.length
      ? `Posted: ${outcomes.map((o) => `${o.effect} (${o.outcome.replace("_", " ")})`).join(", ")}`
      : "Posted: nothing to record for this kind of document",
  notPosted: (decision: { outcome: string; action: string | null }) =>
    decision.outcome === "expired"
      ? "Deadline passed without a decision: not posted"
      : `Rejected (${decision.action ?? "reject"}): not posted`,
  failed: (errorClass: string, message: string) => `Failed (${errorClass}): ${message}`,
  effectApplied: (effect: string) => `Side effect applied: ${effect}`,
  payableRefused: (duplicateOf: { invoiceNumber: string | null; payableId: string }) =>
    `Side effect refused: create_payable — invoice ${duplicateOf.invoiceNumber ?? ""} from this seller is already payable ${duplicateOf.payableId}`,
} as const;
