"use client";

import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import { decideTask } from "../actions";

/** Approves a task from the list and says how it went: done, or the first of two approvals. */
export function useApproveRow() {
  const router = useRouter();
  const notify = useToast();
  return async (row: { id: string; title: string }) => {
    const result = await decideTask({ taskId: row.id, action: "approve" });
    notify(
      !result.ok
        ? { title: "Not approved", description: result.message, tone: "error" }
        : result.data.resolved
          ? { title: `Approved: ${row.title}`, tone: "success" }
          : {
              title: `Approved, 1 of 2: ${row.title}`,
              description: "A second approver must confirm before it is final.",
              tone: "success",
            },
    );
    router.refresh();
  };
}
