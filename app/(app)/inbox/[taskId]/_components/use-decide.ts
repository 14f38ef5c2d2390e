"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useToast } from "@/components/ui/toast";
import { flushHandlingTime } from "@/components/tasks/handling-timer";
import type { ActionResult, FieldErrors } from "@/lib/errors";
import type { DecideInput } from "../../actions";

type Decided = ActionResult<{ resolved: boolean; correctedOnly?: true }>;

// Shown after the page has moved on to the inbox, so the decision is confirmed where the person lands.
export const documentDecisionWords: Record<DecideInput["action"], string> = {
  approve: "Approved",
  edit_and_approve: "Corrected and approved",
  reject: "Rejected",
  confirm: "Confirmed: read correctly",
  report_errors: "Errors reported for the monitor",
};

/**
 * Sends a decision and says what came of it: back to the inbox once resolved, else a toast and a fresh page. A
 * document's task decides through `decideTask`, a ticket's through `decideTicketTaskAction`, each with its words.
 */
export function useDecide<I extends { action: string }>(
  send: (input: I) => Promise<Decided>,
  decided: Record<I["action"], string>,
) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const notify = useToast();

  const decide = (input: I) => {
    flushHandlingTime();
    setError(null);
    setFieldErrors({});
    start(async () => {
      const result = await send(input);
      if (result.ok) {
        if (result.data.correctedOnly) {
          notify({
            title: "Corrections saved",
            description: "You corrected the fields, so someone else must approve this spend.",
            tone: "success",
          });
          router.refresh();
        } else if (result.data.resolved) {
          notify({ title: decided[input.action as I["action"]], tone: "success" });
          router.push("/inbox");
        } else {
          notify({
            title: "Approved",
            description: "A second approver must confirm before it is final.",
            tone: "success",
          });
          router.refresh();
        }
        return;
      }
      setFieldErrors(result.fieldErrors ?? {});
      setError(result.message);
    });
  };
  return { decide, pending, error, fieldErrors };
}
