"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import type { SpendSummary } from "../../_components/confirm-spend";
import { DecisionPanel } from "./decision-panel";
import { EvidencePanel } from "./evidence-panel";
import type { PageViewData } from "@/app/(app)/documents/_components/page-view";
import { FieldEditor } from "./field-editor";
import type { FieldView, LineView, PageView, Permission } from "./field-view";
import { LineItemsGrid } from "./line-items-grid";
import { QaDecisionPanel } from "./qa-decision-panel";
import { ReadOnlyFields } from "./read-only-fields";
import { useCorrections } from "./use-corrections";
import { decideTask } from "../../actions";
import { documentDecisionWords, useDecide } from "./use-decide";
import { useReview } from "./use-review";
import { useTaskKeys } from "./use-task-keys";

export type { FieldView, PageView } from "./field-view";

/**
 * The document with each field's evidence marked, the fields beside it coloured by confidence and editable, and the
 * decision. Focusing a field brings its evidence into view; pointing at evidence lights up its field.
 */
export function TaskWorkspace({
  taskId,
  extractionId,
  fields,
  lines = [],
  readOnly,
  pages,
  source,
  approve,
  reject,
  editing,
  startEditing = false,
  more,
  spend = null,
  viewer = null,
  closed = false,
  qa = false,
}: {
  taskId: string;
  /** A closed task's decision record stands above; there is nothing left to decide here. */
  closed?: boolean;
  extractionId: string | null;
  fields: FieldView[];
  /** The line items as read, edited in their own grid. */
  lines?: LineView[];
  /** Shown beside the fields with their confidence and evidence, not edited here: bank details, line items. */
  readOnly: FieldView[];
  pages: PageView[];
  source: string;
  approve: Permission;
  reject: Permission;
  /** Whether this kind of task takes corrections at all. */
  editing: Permission;
  /** Opened with "e" from the inbox: the first field has the focus. */
  startEditing?: boolean;
  /** Further actions shown under the decision, such as asking the vendor. */
  more?: ReactNode;
  /** Set when approving commits money: `a` then asks first, and corrections are saved for someone else to approve. */
  spend?: SpendSummary | null;
  /** The document's pages as images with the evidence boxed; null when it has none. */
  viewer?: PageViewData | null;
  /** A QA review of a posted document: read correctly, or report the corrections; nothing is approved. */
  qa?: boolean;
}) {
  const corrections = useCorrections(fields, lines);
  const { decide, pending, error, fieldErrors } = useDecide(decideTask, documentDecisionWords);
  const [active, setActive] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const firstField = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  const reasonInput = useRef<HTMLInputElement | null>(null);

  const shown = [...fields, ...readOnly, ...lines];
  const review = useReview([...fields, ...lines]);
  const labels = Object.fromEntries(shown.map((f) => [f.name, f.label]));
  const confidences = Object.fromEntries(shown.map((f) => [f.name, f.confidence]));
  const onExtraction = extractionId ? { extractionId } : {};

  const approveNow = () => {
    if (!approve.allowed || pending) return;
    if (corrections.edited && extractionId)
      decide({
        taskId,
        action: qa ? "report_errors" : "edit_and_approve",
        extractionId,
        edits: corrections.edits,
        ...(corrections.changedLines ? { lines: corrections.changedLines } : {}),
      });
    else decide({ taskId, action: qa ? "confirm" : "approve", ...onExtraction });
  };

  // One key must not move money: on spend, `a` asks first. Saving corrections approves nothing, so it does not ask.
  useTaskKeys({
    approve: () => {
      if (spend && !corrections.edited && approve.allowed && !pending) setConfirming(true);
      else approveNow();
    },
    reject: () => reasonInput.current?.focus(),
    edit: () => firstField.current?.focus(),
    next: review.next,
    paused: confirming,
  });

  useEffect(() => {
    if (startEditing) firstField.current?.focus();
  }, [startEditing]);

  const focusField = (name: string) => {
    setActive(name);
    document.getElementById(`evidence-${name}`)?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
      <EvidencePanel
        pages={pages}
        source={source}
        labels={labels}
        confidences={confidences}
        active={active}
        onPoint={setActive}
        viewer={viewer}
      />
      <div className="space-y-4 self-start">
        <section
          aria-label="Fields"
          className="rounded-lg border border-slate-200 bg-white p-4"
          onKeyDown={review.onKeyDown}
        >
          <h2 className="mb-1 font-semibold">Fields</h2>
          <p className="mb-3 text-xs text-slate-500">
            {qa && editing.allowed
              ? "Coloured by confidence. These values posted: correct what was read wrong, then report the errors."
              : editing.allowed
                ? "Coloured by confidence. Correct what is wrong, then approve; the original values are kept in the decision record."
                : `Coloured by confidence. ${editing.reason}`}{" "}
            <kbd>n</kbd> goes to the next field that needs a look, <kbd>Enter</kbd> accepts a field and moves on.
          </p>
          <FieldEditor
            fields={fields}
            values={corrections.values}
            onChange={corrections.change}
            fieldErrors={fieldErrors}
            active={active}
            disabled={!approve.allowed || !editing.allowed || pending}
            multiPage={pages.length > 1}
            onShow={focusField}
            onPoint={setActive}
            accepted={review.accepted}
            firstRef={(element) => void (firstField.current = element)}
          />
          {lines.length > 0 || (editing.allowed && fields.length > 0) ? (
            <LineItemsGrid
              read={lines}
              lines={corrections.lines}
              totals={{
                subtotalMinor: corrections.values.subtotalMinor ?? "",
                taxMinor: corrections.values.taxMinor ?? "",
                totalMinor: corrections.values.totalMinor ?? "",
                currency: corrections.values.currency ?? "",
              }}
              currency={corrections.values.currency?.trim().toUpperCase() || null}
              fieldErrors={fieldErrors}
              active={active}
              disabled={!approve.allowed || !editing.allowed || pending}
              onChange={corrections.changeLine}
              onAdd={corrections.addLine}
              onRemove={corrections.removeLine}
              onShow={focusField}
              accepted={review.accepted}
            />
          ) : null}
          <ReadOnlyFields fields={readOnly} active={active} onShow={focusField} />
        </section>
        {closed ? null : qa ? (
          <QaDecisionPanel
            allowed={approve}
            pending={pending}
            error={error}
            fieldErrors={fieldErrors}
            labels={labels}
            corrections={corrections.count}
            onConfirm={approveNow}
            onReport={approveNow}
            onUndo={corrections.undo}
          />
        ) : (
          <DecisionPanel
            approve={approve}
            reject={reject}
            pending={pending}
            error={error}
            fieldErrors={fieldErrors}
            labels={labels}
            corrections={corrections.count}
            spend={spend}
            confirming={confirming}
            onApprove={approveNow}
            onUndo={corrections.undo}
            onReject={(reason) => decide({ taskId, action: "reject", reason, ...onExtraction })}
            onConfirmed={() => {
              setConfirming(false);
              approveNow();
            }}
            onCancelConfirm={() => setConfirming(false)}
            reasonRef={reasonInput}
            more={more}
          />
        )}
      </div>
    </div>
  );
}
