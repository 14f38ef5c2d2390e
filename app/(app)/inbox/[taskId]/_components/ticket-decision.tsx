"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import { formatMoney, parseAmount, toDecimalString } from "@/domain/money";
import type { TicketDecision, TicketDraft } from "@/domain/tickets/decision";
import type { FieldErrors } from "@/lib/errors";
import { ConfirmSpend } from "../../_components/confirm-spend";
import { decideTicketTaskAction } from "../../actions";
import type { Permission } from "./field-view";
import { useDecide } from "./use-decide";
import { useTaskKeys } from "./use-task-keys";

type Answers = { approve: Permission; edit: Permission; reject: Permission; escalate: Permission };

const done: Record<TicketDecision["action"], string> = {
  approve: "Approved: the reply and any refund go out",
  edit_and_approve: "Edited and approved: the reply and any refund go out",
  reject: "Rejected: nothing is sent or refunded",
  escalate: "Escalated: nothing is sent or refunded",
};

function Refused({ answer }: { answer: Permission }) {
  return answer.allowed ? null : <p className="mt-1 text-xs text-slate-600">{answer.reason}</p>;
}

/**
 * The decision on a ticket's task: approve the draft as it stands, edit the reply and the refund (in the order's
 * currency) then approve, or reject or escalate with a reason. The same keys as a document's task: `a` approves
 * (asking first when money moves), `r` goes to the reason, `e` opens the editor.
 */
export function TicketDecisionForm({
  taskId,
  title,
  customer,
  draft,
  orderCurrency,
  answers,
  startEditing,
}: {
  taskId: string;
  title: string;
  customer: string;
  draft: TicketDraft;
  orderCurrency: string | null;
  answers: Answers;
  startEditing: boolean;
}) {
  const refundCurrency = orderCurrency ?? draft.currency;
  const [editing, setEditing] = useState(startEditing && answers.edit.allowed);
  const [reply, setReply] = useState(draft.reply);
  const [refund, setRefund] = useState(
    draft.refundMinor !== null && refundCurrency
      ? toDecimalString({ minor: draft.refundMinor, currency: refundCurrency })
      : "",
  );
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  // What the browser catches before sending (an amount it cannot read); the server's answers come from useDecide.
  const [typed, setTyped] = useState<FieldErrors>({});
  const decided = useDecide((decision: TicketDecision) => decideTicketTaskAction({ taskId, ...decision }), done);
  const { pending, error } = decided;
  const fieldErrors = { ...decided.fieldErrors, ...typed };
  const reasonRef = useRef<HTMLInputElement>(null);
  const replyRef = useRef<HTMLTextAreaElement>(null);
  const proposed =
    draft.refundMinor !== null && draft.currency
      ? formatMoney({ minor: draft.refundMinor, currency: draft.currency })
      : null;

  const send = (decision: TicketDecision) => {
    setTyped({});
    decided.decide(decision);
  };

  const approveEdited = () => {
    const amount = refund.trim();
    if (amount !== "" && !refundCurrency) {
      setTyped({ refundMinor: ["This ticket has no order on file: leave the refund empty, or reject the ticket."] });
      return;
    }
    const refundMinor = amount === "" || !refundCurrency ? null : parseAmount(amount, refundCurrency);
    if (amount !== "" && refundMinor === null) {
      setTyped({ refundMinor: ["Type the refund as an amount such as 49.90, or leave it empty for none."] });
      return;
    }
    send({ action: "edit_and_approve", reply, refundMinor });
  };

  useTaskKeys({
    paused: confirming || pending,
    approve: () => {
      if (!answers.approve.allowed) return;
      if (proposed) setConfirming(true);
      else send({ action: "approve" });
    },
    reject: () => reasonRef.current?.focus(),
    edit: () => {
      if (!answers.edit.allowed) return;
      setEditing(true);
      // The editor renders on this state change; focus it once it is there.
      requestAnimationFrame(() => replyRef.current?.focus());
    },
    next: () => undefined,
  });

  return (
    <section aria-label="Decision" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Decision</h2>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div>
        <Button disabled={pending || !answers.approve.allowed} onClick={() => send({ action: "approve" })}>
          {proposed ? `Approve the reply and refund ${proposed}` : "Approve the reply"}
        </Button>
        {!editing ? (
          <Button
            variant="secondary"
            className="mt-2 sm:mt-0 sm:ml-2"
            disabled={pending || !answers.edit.allowed}
            onClick={() => setEditing(true)}
          >
            Edit reply and refund
          </Button>
        ) : null}
        <Refused answer={answers.approve.allowed ? answers.edit : answers.approve} />
      </div>
      {editing ? (
        <form
          aria-label="Edit the reply and refund"
          className="space-y-3 border-t border-slate-100 pt-4"
          onSubmit={(e) => {
            e.preventDefault();
            approveEdited();
          }}
        >
          <Field id="reply" label="Reply to the customer" errors={fieldErrors.reply}>
            <textarea
              id="reply"
              name="reply"
              ref={replyRef}
              aria-invalid={fieldErrors.reply?.length ? true : undefined}
              aria-describedby={fieldErrors.reply?.length ? "reply-error" : undefined}
              rows={10}
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs focus:outline-2 focus:outline-slate-900"
            />
          </Field>
          <Field
            id="refundMinor"
            label={refundCurrency ? `Refund (${refundCurrency})` : "Refund"}
            errors={fieldErrors.refundMinor}
            hint={
              refundCurrency
                ? `In ${refundCurrency}, the order's currency. Leave it empty for no refund.`
                : "This ticket has no order on file, so it refunds nothing."
            }
          >
            <Input
              {...describe("refundMinor", fieldErrors.refundMinor)}
              inputMode="decimal"
              className="max-w-48 tabular-nums"
              value={refund}
              onChange={(e) => setRefund(e.target.value)}
              disabled={!refundCurrency}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending}>
              Approve with these changes
            </Button>
            <Button
              variant="ghost"
              disabled={pending}
              onClick={() => {
                setEditing(false);
                setReply(draft.reply);
                setTyped({});
              }}
            >
              Cancel editing
            </Button>
          </div>
        </form>
      ) : null}
      <div className="border-t border-slate-100 pt-4">
        <Field id="reason" label="Reason for rejecting or escalating" errors={fieldErrors.reason}>
          <Input
            {...describe("reason", fieldErrors.reason)}
            ref={reasonRef}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={!answers.reject.allowed && !answers.escalate.allowed}
          />
        </Field>
        <div className="mt-2 flex flex-wrap gap-2">
          <Button
            variant="danger"
            disabled={pending || !answers.reject.allowed}
            onClick={() => send({ action: "reject", reason })}
          >
            Reject
          </Button>
          <Button
            variant="secondary"
            disabled={pending || !answers.escalate.allowed}
            onClick={() => send({ action: "escalate", reason })}
          >
            Escalate
          </Button>
        </div>
        <Refused answer={answers.reject} />
      </div>
      <ConfirmSpend
        spend={confirming && proposed ? { title, amount: proposed, vendor: customer, refund: true } : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          send({ action: "approve" });
        }}
      />
      <p className="text-xs text-slate-500">
        Keyboard: <kbd>a</kbd> approve · <kbd>r</kbd> reason to reject or escalate · <kbd>e</kbd> edit the reply
      </p>
    </section>
  );
}
