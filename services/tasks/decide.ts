import { getLatestExtraction } from "@/db/queries/documents";
import { getRateBook } from "@/db/queries/exchange-rates";
import { listFieldEditors } from "@/db/queries/field-edits";
import { approveTask, getInboxTask, listTaskApprovers, resolveTask, type InboxItem } from "@/db/queries/tasks";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import type { Extraction } from "@/domain/documents/types";
import { describeTask } from "@/domain/tasks/describe";
import {
  applyValues,
  diffValues,
  evidenceShown,
  fieldValues,
  parseEdits,
  proposedValues,
  type FieldEdits,
  type FieldValues,
} from "@/domain/tasks/edits";
import { actionAvailable } from "@/domain/tasks/actions";
import { documentIdOf } from "@/domain/tasks/subject";
import type { LineEdit } from "@/domain/tasks/line-edits";
import { editorOf, isVisibleTo, otherHolder, type TaskEdit } from "@/domain/tasks/lifecycle";
import {
  amountInLimitCurrency,
  approvalsRequired,
  isSpending,
  mayAct,
  type ApprovalFacts,
} from "@/domain/tasks/policy";
import { env } from "@/lib/env";
import type { ActionFailure, ActionResult } from "@/lib/errors";
import { decideQaReview, type QaDecision } from "@/services/operations/qa-review";
import { decideTicketTask } from "@/services/tickets/decide";
import type { TicketDecision } from "@/domain/tickets/decision";
import { closed, subjectOf, type DecideOutcome } from "./outcome";
import { sendWakeUp, wakeUpEvent } from "./wake-run";
import { announceTask } from "@/services/realtime/announce";

/**
 * `extractionId` is the version of the fields the person had on screen; a decision on fields that changed since
 * is refused. Email links, which show no fields, decide on the fields as they are.
 */
export type Decision =
  | { action: "approve"; extractionId?: string | undefined }
  | { action: "edit_and_approve"; extractionId: string; edits: FieldEdits; lines?: LineEdit[] | undefined }
  | { action: "reject"; reason: string; extractionId?: string | undefined }
  | QaDecision
  | TicketOnlyDecision;

/** The decisions only a ticket's task takes: an edit of the reply and refund, and escalation. */
type TicketOnlyDecision = Exclude<TicketDecision, { action: "approve" } | { action: "reject" }>;

/** A decision as a ticket's task takes it, or null when it only fits a document's (field edits, a QA answer). */
function asTicketDecision(decision: Decision): TicketDecision | null {
  switch (decision.action) {
    case "approve":
      return { action: "approve" };
    case "reject":
      return { action: "reject", reason: decision.reason };
    case "escalate":
      return decision;
    case "edit_and_approve":
      return "reply" in decision ? decision : null;
    default:
      return null;
  }
}

const stale = (editedBy: string | null): ActionFailure => ({
  ok: false,
  code: "conflict:task",
  message: `The fields changed since you opened this task${editedBy ? ` (${editedBy} corrected them)` : ""}. Reload to see them, then decide.`,
});

/**
 * One decision by one user, wherever it comes from (the inbox, an email link): visibility, claim and policy
 * checks, one atomic state change that writes the decision record, then the event that wakes the run, sent after
 * the commit. A ticket's task is decided by `decideTicketTask`, which locks the task and then its ticket.
 */
export async function decide(user: User, taskId: string, decision: Decision): Promise<ActionResult<DecideOutcome>> {
  const result = await decideTask(user, taskId, decision);
  // Every page showing the task follows it: the deciders' inboxes, and the page of its document or ticket.
  if (result.ok) await announceTask(result.data);
  return result;
}

async function decideTask(user: User, taskId: string, decision: Decision): Promise<ActionResult<DecideOutcome>> {
  const found = await workableTask(user, taskId);
  if (!found.ok) return found;
  const { task } = found;
  if (task.ticketId !== null) {
    const ticketDecision = asTicketDecision(decision);
    if (!ticketDecision)
      return {
        ok: false,
        code: "invalid",
        message: "A ticket's task is approved, edited (its reply and refund), rejected or escalated; reload the task.",
      };
    return decideTicketTask(user, task, ticketDecision);
  }
  if (decision.action === "escalate" || "reply" in decision)
    return {
      ok: false,
      code: "invalid",
      message: "Only a ticket's task is escalated or has a reply to edit; decide this document with its own buttons.",
    };
  if (decision.action === "confirm" || decision.action === "report_errors") {
    const reviewed = await decideQaReview(user, task, decision);
    return reviewed.ok ? { ok: true, data: { ...subjectOf(task), resolved: true } } : reviewed;
  }
  const offered = actionAvailable(task.type, decision.action);
  if (!offered.allowed) return { ok: false, code: "forbidden:task", message: offered.reason };
  const latest = await getLatestExtraction(documentIdOf(task));
  const seenExtractionId = decision.extractionId ?? latest?.id ?? null;
  if (latest && seenExtractionId !== latest.id) return stale(editorOf(latest.provider));
  const shown = latest && decision.extractionId ? evidenceShown(latest.extraction) : [];
  const actor = { id: user.id, label: user.email };

  if (decision.action === "reject") {
    const answer = mayAct(user, task, "reject");
    if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason };
    const result = await resolveTask({
      taskId: task.id,
      actor,
      action: "reject",
      parameters: { reason: decision.reason, extractionId: seenExtractionId, shown },
      wake: wakeUpEvent(task, "reject"),
    });
    if (!result.ok) return closed(result.task);
    return wake(task);
  }

  const current = latest ? fieldValues(latest.extraction) : null;
  let decided = current;
  let edit: TaskEdit | undefined;
  if (decision.action === "edit_and_approve") {
    if (!latest || !current)
      return { ok: false, code: "conflict:task", message: "This document has no extracted fields to edit." };
    const parsed = parseEdits(current, decision.edits, decision.lines);
    if (!parsed.ok) {
      const fieldErrors = Object.fromEntries(
        Object.entries(parsed.errors).map(([field, message]) => [field, [message]]),
      );
      return { ok: false, code: "invalid:fields", message: "Some fields need attention.", fieldErrors };
    }
    decided = parsed.values;
    edit = editOf(task, latest.extraction, current, decided, user.email);
  }

  // The policy judges the amount as decided: correcting a total upwards cannot slip past a limit.
  const judged = edit ? { ...task, amountMinor: edit.amountMinor, currency: edit.currency } : task;
  const facts = await approvalFacts(task);
  const proposed = proposedValues(task.proposed);
  const record = {
    action: edit ? "edit_and_approve" : "approve",
    parameters: {
      changes: proposed && decided ? diffValues(proposed, decided, documentClassOf(decided)) : [],
      extractionId: seenExtractionId,
      shown,
    },
    decided,
  };
  const required = approvalsRequired(judged, env().KEEL_FOUR_EYES_FROM_MINOR, facts.rates);
  // Whoever corrects a spending task's fields may not also approve it: the correction is saved, someone else approves.
  if (edit && isSpending(task.type)) {
    const may = mayAct(user, task, "reject");
    if (!may.allowed) return { ok: false, code: "forbidden:task", message: may.reason };
    const saved = await approveTask({
      taskId: task.id,
      actor,
      required,
      seenExtractionId,
      edit,
      saveOnly: true,
      record,
    });
    if (!saved.ok) return saved.reason === "stale" ? stale(saved.editedBy) : closed(saved.task);
    return { ok: true, data: { ...subjectOf(task), resolved: false, correctedOnly: true } };
  }
  const answer = mayAct(user, judged, "approve", facts);
  if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason };
  const limit = isSpending(task.type) ? amountInLimitCurrency(user, judged, facts.rates) : null;
  const rateUsed = limit?.ok && limit.conversion ? { conversion: limit.conversion } : {};
  // The editors were read before this transaction; a correction since then changes the extraction, which
  // approveTask re-checks under the task's lock and refuses as stale.
  const result = await approveTask({
    taskId: task.id,
    actor,
    required,
    seenExtractionId,
    ...(edit ? { edit } : {}),
    wake: wakeUpEvent(task, record.action),
    record: { ...record, parameters: { ...record.parameters, ...rateUsed } },
    approval: rateUsed,
  });
  if (!result.ok) {
    if (result.reason === "stale") return stale(result.editedBy);
    if (result.reason === "already_approved_by_you")
      return { ok: false, code: "conflict:task", message: "You have approved; a second approver must confirm." };
    return closed(result.task);
  }
  const converted = rateUsed.conversion ? { conversion: rateUsed.conversion } : {};
  if (!result.resolved) return { ok: true, data: { ...subjectOf(task), resolved: false, ...converted } };
  const woken = await wake(task);
  return woken.ok ? { ok: true, data: { ...woken.data, ...converted } } : woken;
}

export type { DecideOutcome };

/** Everything the policy weighs for an approval besides the user and the task; the task page shows the same. */
export async function approvalFacts(task: Pick<InboxItem, "id" | "documentId">): Promise<ApprovalFacts> {
  const [approvedBy, fieldEditors, rates] = await Promise.all([
    listTaskApprovers(task.id),
    task.documentId === null ? [] : listFieldEditors(task.documentId),
    getRateBook(),
  ]);
  return { approvedBy, fieldEditors, rates };
}

/** An open task this user may work on now: visible to them, and not held by someone else (a ticket's closed task too). */
export async function workableTask(user: User, taskId: string): Promise<{ ok: true; task: InboxItem } | ActionFailure> {
  const task = await getInboxTask(taskId);
  // Not found and not yours get the same answer.
  if (!task || !isVisibleTo(task, user))
    return { ok: false, code: "not_found:task", message: "This task does not exist or is not yours." };
  // A ticket's closed task answers in the ticket's words ("expired", "escalated"): decideTicketTask says them.
  if (task.status !== "open") return task.ticketId === null ? closed(task) : { ok: true, task };
  const holderId = otherHolder(task, user);
  if (holderId) {
    const holder = await getUserById(holderId);
    return {
      ok: false,
      code: "conflict:task",
      message: `${holder?.name ?? "Someone else"} has claimed this task; ask them or an admin to release it.`,
    };
  }
  return { ok: true, task };
}

/** The corrections as the task records them; undefined when the person changed nothing. */
function editOf(
  task: InboxItem,
  extraction: Extraction,
  current: FieldValues,
  decided: FieldValues,
  by: string,
): TaskEdit | undefined {
  const changes = diffValues(current, decided, documentClassOf(decided));
  if (changes.length === 0) return undefined;
  const corrected = applyValues(extraction, decided, by);
  const amountMinor = typeof decided.totalMinor === "number" ? decided.totalMinor : null;
  const currency = typeof decided.currency === "string" ? decided.currency : null;
  const context = {
    documentClass: corrected.documentClass.value,
    documentNumber: corrected.fields.documentNumber.value,
    vendorName: corrected.fields.vendorName.value,
    totalMinor: amountMinor,
    currency,
    filename: task.filename,
  };
  return {
    extraction: corrected,
    changes,
    title: describeTask(task.type, { ...context, filename: task.filename ?? "" }, []).title,
    amountMinor,
    currency,
  };
}

function documentClassOf(values: FieldValues) {
  return typeof values.documentClass === "string"
    ? (values.documentClass as Extraction["documentClass"]["value"])
    : null;
}

async function wake(task: InboxItem): Promise<ActionResult<DecideOutcome>> {
  await sendWakeUp(task.id);
  return { ok: true, data: { ...subjectOf(task), resolved: true } };
}
