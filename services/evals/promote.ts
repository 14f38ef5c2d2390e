import { getEvalCaseForDocument, getPromotionSource, insertEvalCase } from "@/db/queries/eval-cases";
import type { User } from "@/db/schema";
import { evalCaseSchema } from "@/domain/evals/case";
import { can } from "@/domain/permissions";
import { taskAuditActions } from "@/domain/timeline";
import type { ActionResult } from "@/lib/errors";
import { formatUtc } from "@/lib/format";
import { caseTextOf, expectedValues, promotedCaseId, promotionRefusal } from "./case-from-decision";

export type PromotedCase = { id: string; documentId: string; promotedAt: Date; promotedBy: string };

const missing = { ok: false, code: "not_found:task", message: "This task does not exist." } as const;

/**
 * Freezes a decided task's document into an eval case: its text and its fields as decided, with who and when.
 * A document is one case however often it is promoted; a second promotion is told who made the first.
 */
export async function promoteToEvalCase(user: User, taskId: string): Promise<ActionResult<PromotedCase>> {
  if (!can(user, "evals:manage"))
    return { ok: false, code: "forbidden:evals", message: "Only admins promote documents to eval cases." };
  const source = await getPromotionSource(taskId);
  if (!source) return missing;
  const existing = await getEvalCaseForDocument(source.task.documentId);
  if (existing) return alreadyACase(existing);
  const refusal = promotionRefusal(source);
  if (refusal) return { ok: false, code: "conflict:eval_case", message: refusal };
  // promotionRefusal has made sure both are there.
  if (!source.extraction || !source.text) return missing;

  const promotedAt = new Date();
  const evalCase = evalCaseSchema.parse({
    version: 1,
    id: promotedCaseId(source.task.documentId),
    source: "promoted",
    filename: source.filename,
    text: caseTextOf(source.text),
    expected: expectedValues(source.extraction, source.decided, source.task.resolvedAt),
    documentId: source.task.documentId,
    taskId: source.task.id,
    promotedBy: user.email,
    promotedAt: promotedAt.toISOString(),
  });
  const { created, evalCase: stored } = await insertEvalCase(
    {
      id: evalCase.id,
      documentId: source.task.documentId,
      taskId: source.task.id,
      filename: evalCase.filename,
      text: evalCase.text,
      expected: evalCase.expected,
      promotedBy: user.id,
      promotedByEmail: user.email,
      promotedAt,
    },
    (row) => ({
      actor: { id: user.id, label: user.email },
      action: taskAuditActions.promotedToEvalCase,
      subjectType: "task",
      subjectId: source.task.id,
      correlationId: source.task.documentId,
      after: { evalCaseId: row.id, expected: row.expected },
    }),
  );
  // Someone else promoted the same document a moment earlier.
  if (!created) return alreadyACase(stored);
  return {
    ok: true,
    data: { id: stored.id, documentId: source.task.documentId, promotedAt: stored.promotedAt, promotedBy: user.name },
  };
}

function alreadyACase(existing: {
  id: string;
  promotedAt: Date;
  promotedByName: string | null;
  promotedByEmail: string;
}): ActionResult<PromotedCase> {
  return {
    ok: false,
    code: "conflict:eval_case",
    message: `This document is already eval case ${existing.id}, promoted by ${existing.promotedByName ?? existing.promotedByEmail} at ${formatUtc(existing.promotedAt)}.`,
  };
}
