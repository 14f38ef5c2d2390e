import type { ExtractedText, Extraction } from "@/domain/documents/types";
import { evalCaseFields, evalValueText, type EvalCase } from "@/domain/evals/case";
import type { FieldValues } from "@/domain/tasks/edits";

/** The resolutions in which a person stood behind the document's fields: confirmed them, or corrected them. */
const fieldDecisions: ReadonlySet<string> = new Set(["approve", "edit_and_approve", "confirm", "report_errors"]);

export type PromotionFacts = {
  task: { status: string; action: string | null; resolvedAt: Date | null };
  text: ExtractedText | null;
  extraction: { extraction: Extraction; createdAt: Date } | null;
};

/** Whether a resolution stood behind the document's fields, so the document may become an eval case. */
export function confirmsFields(action: string | null): boolean {
  return action !== null && fieldDecisions.has(action);
}

/** Why a task's document cannot become an eval case, in words an admin can act on; null when it can. */
export function promotionRefusal(facts: PromotionFacts): string | null {
  const { task, text, extraction } = facts;
  if (task.status !== "resolved")
    return "Only a decided task can be promoted to an eval case: its fields are not settled until someone decides it.";
  if (!confirmsFields(task.action))
    return `This task was resolved with "${task.action ?? "no action"}", which does not confirm the document's fields; promote a task whose fields were approved or corrected.`;
  if (!extraction) return "This document has no extracted fields, so there are no expected values to freeze.";
  if (!text || !text.pages.some((p) => p.text.trim() !== ""))
    return "This document has no extracted text, so it cannot be an eval case: a case scores the extractor on the document's text. Replay the document to extract its text first.";
  return null;
}

/**
 * The values a case expects: the latest extraction, which holds every correction saved so far. A decision whose
 * values came after that extraction (a QA report that records its corrections on the task) is laid over it.
 */
export function expectedValues(
  extraction: { extraction: Extraction; createdAt: Date },
  decided: Partial<FieldValues> | null,
  resolvedAt: Date | null,
): EvalCase["expected"] {
  const later = decided && resolvedAt && resolvedAt > extraction.createdAt ? decided : {};
  const { documentClass, fields } = extraction.extraction;
  return Object.fromEntries(
    evalCaseFields.map((field) => {
      const read = field === "documentClass" ? documentClass.value : fields[field].value;
      const value = field in later ? later[field as keyof typeof later] : read;
      return [field, evalValueText(typeof value === "string" || typeof value === "number" ? value : null)];
    }),
  );
}

/** A document's text as a case keeps it: the pages' text, without positions. */
export function caseTextOf(text: ExtractedText): EvalCase["text"] {
  return { source: text.source, pages: text.pages.map((p) => ({ page: p.page, text: p.text })) };
}

export const promotedCaseId = (documentId: string) => `promoted-${documentId.toLowerCase()}`;
