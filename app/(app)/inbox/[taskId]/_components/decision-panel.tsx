"use client";

import { useState, type ReactNode, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { ConfirmSpend, type SpendSummary } from "../../_components/confirm-spend";
import type { Permission } from "./field-view";

/** What went wrong with the last decision: the message, and each field's problem by its label. */
export function DecisionErrors({
  error,
  fieldErrors,
  labels,
}: {
  error: string | null;
  fieldErrors: FieldErrors;
  labels: Record<string, string>;
}) {
  const listed = Object.entries(fieldErrors).filter(([name]) => name in labels);
  return (
    <>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {listed.length > 0 ? (
        <ul className="list-disc pl-5 text-xs text-red-800">
          {listed.map(([name, messages]) => (
            <li key={name}>
              {labels[name]}: {messages.join(" ")}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Approve (with any corrections), or reject with a reason; spend asks first when `confirming`. */
export function DecisionPanel({
  approve,
  reject,
  pending,
  error,
  fieldErrors,
  labels,
  corrections,
  spend,
  confirming,
  onApprove,
  onUndo,
  onReject,
  onConfirmed,
  onCancelConfirm,
  reasonRef,
  more,
}: {
  approve: Permission;
  reject: Permission;
  pending: boolean;
  error: string | null;
  fieldErrors: FieldErrors;
  labels: Record<string, string>;
  /** How many fields were corrected. */
  corrections: number;
  spend: SpendSummary | null;
  confirming: boolean;
  onApprove: () => void;
  onUndo: () => void;
  onReject: (reason: string) => void;
  onConfirmed: () => void;
  onCancelConfirm: () => void;
  reasonRef: Ref<HTMLInputElement>;
  more: ReactNode;
}) {
  const [reason, setReason] = useState("");
  return (
    <section aria-label="Decision" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Decision</h2>
      <DecisionErrors error={error} fieldErrors={fieldErrors} labels={labels} />
      <div>
        <Button disabled={pending || !approve.allowed} onClick={onApprove}>
          {corrections === 0
            ? "Approve"
            : spend
              ? `Save ${String(corrections)} correction(s); someone else approves`
              : `Save ${String(corrections)} correction(s) and approve`}
        </Button>
        {corrections > 0 ? (
          <Button variant="ghost" className="ml-2" disabled={pending} onClick={onUndo}>
            Undo corrections
          </Button>
        ) : null}
        {!approve.allowed ? <p className="mt-1 text-xs text-slate-600">{approve.reason}</p> : null}
      </div>
      <div className="border-t border-slate-100 pt-4">
        <Field id="reason" label="Reason for rejecting" errors={fieldErrors.reason}>
          <Input
            {...describe("reason", fieldErrors.reason)}
            ref={reasonRef}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={!reject.allowed}
          />
        </Field>
        <Button
          className="mt-2"
          variant="danger"
          disabled={pending || !reject.allowed}
          onClick={() => onReject(reason)}
        >
          Reject
        </Button>
        {!reject.allowed ? <p className="mt-1 text-xs text-slate-600">{reject.reason}</p> : null}
      </div>
      {more ? <div className="border-t border-slate-100 pt-4">{more}</div> : null}
      <ConfirmSpend spend={confirming ? spend : null} onCancel={onCancelConfirm} onConfirm={onConfirmed} />
      <p className="text-xs text-slate-500">
        Keyboard: <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>e</kbd> edit the fields
      </p>
    </section>
  );
}
