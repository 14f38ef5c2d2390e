"use client";

import { Button } from "@/components/ui/button";
import { qaActionLabels } from "@/domain/operations/qa-review";
import type { FieldErrors } from "@/lib/errors";
import { DecisionErrors } from "./decision-panel";
import type { Permission } from "./field-view";

/**
 * A QA review's decision: the posted values were read correctly, or the corrections made in the fields above are
 * reported. Either way the posting stands; the page says so, and that accounts fix a wrong payable by hand.
 */
export function QaDecisionPanel({
  allowed,
  pending,
  error,
  fieldErrors,
  labels,
  corrections,
  onConfirm,
  onReport,
  onUndo,
}: {
  allowed: Permission;
  pending: boolean;
  error: string | null;
  fieldErrors: FieldErrors;
  labels: Record<string, string>;
  corrections: number;
  onConfirm: () => void;
  onReport: () => void;
  onUndo: () => void;
}) {
  return (
    <section aria-label="Decision" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">QA review</h2>
      <p className="text-sm text-slate-700">
        This document posted without a person. Check the fields above against the document: confirm they were read
        correctly, or correct what was read wrong and report the errors.
      </p>
      <DecisionErrors error={error} fieldErrors={fieldErrors} labels={labels} />
      <div className="flex flex-wrap gap-2">
        <Button disabled={pending || !allowed.allowed || corrections > 0} onClick={onConfirm}>
          {qaActionLabels.confirm}
        </Button>
        <Button variant="danger" disabled={pending || !allowed.allowed || corrections === 0} onClick={onReport}>
          {corrections === 0
            ? qaActionLabels.report_errors
            : `${qaActionLabels.report_errors} (${String(corrections)} field(s))`}
        </Button>
        {corrections > 0 ? (
          <Button variant="ghost" disabled={pending} onClick={onUndo}>
            Undo corrections
          </Button>
        ) : null}
      </div>
      {!allowed.allowed ? <p className="text-xs text-slate-600">{allowed.reason}</p> : null}
      <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
        Reporting errors records the finding for the monitor; it does not change the posted payable. Accounts must fix
        the posted payable by hand.
      </p>
      <p className="text-xs text-slate-500">
        Keyboard: <kbd>a</kbd> read correctly (or report the corrections made) · <kbd>e</kbd> correct the fields
      </p>
    </section>
  );
}
