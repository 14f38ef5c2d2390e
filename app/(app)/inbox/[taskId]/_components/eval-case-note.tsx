import { getEvalCaseForDocument } from "@/db/queries/eval-cases";
import { formatUtc } from "@/lib/format";
import { confirmsFields } from "@/services/evals/case-from-decision";
import { PromoteEvalCase } from "./promote-eval-case";

type Props = { taskId: string; documentId: string; action: string | null; mayPromote: boolean };

/**
 * Whether a decided task's document is an eval case, and for admins the control that makes it one. Loads its own
 * record: only a closed task shows it.
 */
export async function EvalCaseNote({ taskId, documentId, action, mayPromote }: Props) {
  const evalCase = await getEvalCaseForDocument(documentId);
  if (evalCase)
    return (
      <p className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        Eval case since {formatUtc(evalCase.promotedAt)} by {evalCase.promotedByName ?? evalCase.promotedByEmail}
      </p>
    );
  if (!mayPromote || !confirmsFields(action)) return null;
  return <PromoteEvalCase taskId={taskId} />;
}
