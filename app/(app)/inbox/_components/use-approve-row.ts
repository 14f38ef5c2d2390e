"use client";

import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import { decideTask } from "../actions";

/** Approves a task from the list and says how it went: done, or the first of two approvals. */
export function useApproveRow() {
  const router = useRouter();
  const notify = useToast();
  return async (row: { id: string; title: string; type?: string }) => {
    // On a QA review, `a` says the posted document was read correctly: the same key, its one approving answer.
    const qa = row.type === "QA_REVIEW";
    const result = await decideTask({ taskId: row.id, action: qa ? "confirm" : "approve" });
    notify(
      !result.ok
        ? { title: qa ? "Not confirmed" : "Not approved", description: result.message, tone: "error" }
        : result.data.resolved
          ? { title: `${qa ? "Confirmed" : "Approved"}: ${row.title}`, tone: "success" }
          : {
              title: `Approved, 1 of 2: ${row.title}`,
              description: "A second approver must confirm before it is final.",
              tone: "success",
            },
    );
    router.refresh();
  };
}
