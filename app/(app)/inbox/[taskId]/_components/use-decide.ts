"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useToast } from "@/components/ui/toast";
import { flushHandlingTime } from "@/components/tasks/handling-timer";
import type { FieldErrors } from "@/lib/errors";
import { decideTask, type DecideInput } from "../../actions";

// Shown after the page has moved on to the inbox, so the decision is confirmed where the person lands.
const decided: Record<DecideInput["action"], string> = {
  approve: "Approved",
  edit_and_approve: "Corrected and approved",
  reject: "Rejected",
  confirm: "Confirmed: read correctly",
  report_errors: "Errors reported for the monitor",
};

/** Sends a decision and says what came of it: back to the inbox once resolved, else a toast and a fresh page. */
export function useDecide() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const notify = useToast();

  const decide = (input: DecideInput) => {
    flushHandlingTime();
    start(async () => {
      const result = await decideTask(input);
      if (result.ok) {
        if (result.data.correctedOnly) {
          notify({
            title: "Corrections saved",
            description: "You corrected the fields, so someone else must approve this spend.",
            tone: "success",
          });
          router.refresh();
        } else if (result.data.resolved) {
          notify({ title: decided[input.action], tone: "success" });
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
