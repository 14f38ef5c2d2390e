"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import type { LinkState } from "@/services/tasks/confirm-link";
import { confirmLinkAction } from "./actions";

export function ConfirmForm({ token, action }: { token: string; action: "approve" | "reject" }) {
  const [state, formAction, pending] = useActionState<LinkState, FormData>(confirmLinkAction, { done: null });
  if (state.done === true) {
    return (
      <p
        role="status"
        className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
      >
        {state.message}
      </p>
    );
  }
  const reasonError = state.done === false && state.reasonError ? [state.reasonError] : undefined;
  return (
    <form action={formAction} className="space-y-4">
      {state.done === false && !state.reasonError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      {action === "reject" ? (
        <Field id="reason" label="Reason for rejecting" errors={reasonError}>
          <Input {...describe("reason", reasonError)} />
        </Field>
      ) : null}
      <Button type="submit" variant={action === "reject" ? "danger" : "primary"} disabled={pending}>
        {action === "approve" ? "Confirm: approve" : "Confirm: reject"}
      </Button>
    </form>
  );
}
