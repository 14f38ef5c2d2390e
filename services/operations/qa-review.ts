import { getLatestExtraction } from "@/db/queries/documents";
import { recordQaDecision } from "@/db/queries/qa-review";
import type { InboxItem } from "@/db/queries/tasks";
import type { User } from "@/db/schema";
import type { Extraction } from "@/domain/documents/types";
import { qaFindingRecords } from "@/domain/operations/qa-review";
import { diffValues, fieldValues, parseEdits, type FieldEdits } from "@/domain/tasks/edits";
import type { LineEdit } from "@/domain/tasks/line-edits";
import { editorOf } from "@/domain/tasks/lifecycle";
import { mayAct } from "@/domain/tasks/policy";
import { documentIdOf } from "@/domain/tasks/subject";
import type { ActionFailure, ActionResult } from "@/lib/errors";

export type QaDecision =
  | { action: "confirm"; extractionId?: string | undefined }
  | { action: "report_errors"; extractionId: string; edits: FieldEdits; lines?: LineEdit[] | undefined };

const closed = (task: { status: string; action: string | null } | undefined): ActionFailure => ({
  ok: false,
  code: "conflict:task",
  message: `This QA review was already ${task?.status === "resolved" ? `decided (${task.action ?? "?"})` : (task?.status ?? "closed")}.`,
});

/**
 * Decides a QA review the caller found workable (visible, open, not held by someone else): confirm the reading, or
 * report what was read wrong with the corrected values. The posted document and its payable stay as they are; the
 * finding is recorded for the monitor, and accounts fix the posting by hand.
 */
export async function decideQaReview(
  user: User,
  task: InboxItem,
  decision: QaDecision,
): Promise<ActionResult<{ resolved: true; documentId: string }>> {
  if (task.type !== "QA_REVIEW")
    return {
      ok: false,
      code: "forbidden:task",
      message: "Read correctly and Report errors decide QA reviews only; approve or reject this task instead.",
    };
  const answer = mayAct(user, task, "reject");
  if (!answer.allowed) return { ok: false, code: "forbidden:task", message: answer.reason };
  const documentId = documentIdOf(task);
  const latest = await getLatestExtraction(documentId);
  if (latest && decision.extractionId && decision.extractionId !== latest.id) {
    const by = editorOf(latest.provider);
    return {
      ok: false,
      code: "conflict:task",
      message: `The fields changed since you opened this review${by ? ` (${by} corrected them)` : ""}. Reload to see them, then decide.`,
    };
  }
  const current = latest ? fieldValues(latest.extraction) : null;
  const actor = { id: user.id, label: user.email };
  const extractionId = latest?.id ?? null;

  if (decision.action === "confirm") {
    const result = await recordQaDecision({
      taskId: task.id,
      actor,
      action: "confirm",
      parameters: { extractionId },
      decided: current,
    });
    return result.ok ? { ok: true, data: { resolved: true, documentId } } : closed(result.task);
  }

  if (!latest || !current)
    return { ok: false, code: "conflict:task", message: "This document has no extracted fields to correct." };
  const parsed = parseEdits(current, decision.edits, decision.lines);
  if (!parsed.ok) {
    const fieldErrors = Object.fromEntries(Object.entries(parsed.errors).map(([field, message]) => [field, [message]]));
    return { ok: false, code: "invalid:fields", message: "Some fields need attention.", fieldErrors };
  }
  const changes = diffValues(current, parsed.values, documentClassOf(parsed.values.documentClass));
  if (changes.length === 0)
    return {
      ok: false,
      code: "invalid:fields",
      message: "Correct at least one field to report an error, or choose Read correctly.",
    };
  const currency = typeof parsed.values.currency === "string" ? parsed.values.currency : task.currency;
  const result = await recordQaDecision({
    taskId: task.id,
    actor,
    action: "report_errors",
    parameters: { changes, extractionId },
    decided: parsed.values,
    finding: qaFindingRecords({ ...task, documentId }, actor, changes, currency),
  });
  return result.ok ? { ok: true, data: { resolved: true, documentId } } : closed(result.task);
}

function documentClassOf(value: unknown): Extraction["documentClass"]["value"] {
  return typeof value === "string" ? (value as Extraction["documentClass"]["value"]) : null;
}
