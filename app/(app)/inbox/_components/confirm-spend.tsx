"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

/** What a key is about to approve; a ticket's refund names the customer it goes to instead of a vendor. */
export type SpendSummary = { title: string; amount: string; vendor: string; refund?: boolean };

/**
 * Asked before a key approves spend: one stray `a` must not move money. Enter confirms (the focused button),
 * Escape or Cancel leaves the task as it was.
 */
export function ConfirmSpend({
  spend,
  onConfirm,
  onCancel,
}: {
  spend: SpendSummary | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={spend !== null}
      onOpenChange={(open) => !open && onCancel()}
      title={spend?.refund ? "Approve this refund?" : "Approve this spend?"}
      description={spend?.title}
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">Amount</dt>
          <dd className="font-semibold tabular-nums">{spend?.amount}</dd>
          <dt className="text-slate-600">{spend?.refund ? "Customer" : "Vendor"}</dt>
          <dd className="font-semibold">{spend?.vendor}</dd>
        </dl>
        <p className="text-xs text-slate-500">
          <kbd>Enter</kbd> approves · <kbd>Esc</kbd> cancels
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" autoFocus>
            Approve {spend?.amount}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
