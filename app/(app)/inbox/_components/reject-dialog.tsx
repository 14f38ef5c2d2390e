"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describe, Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { decideTask } from "../actions";

type Rejected = { id: string; title: string };

/** Mounted only while the dialog is open, so every rejection starts with an empty reason. */
function RejectForm({ task, onClose }: { task: Rejected; onClose: () => void }) {
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const router = useRouter();
  const notify = useToast();

  async function reject() {
    const result = await decideTask({ taskId: task.id, action: "reject", reason });
    if (!result.ok && result.fieldErrors) {
      setReasonError(result.fieldErrors.reason);
      return;
    }
    notify(
      result.ok
        ? { title: `Rejected: ${task.title}`, tone: "success" }
        : { title: "Not rejected", description: result.message, tone: "error" },
    );
    onClose();
    router.refresh();
  }

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        void reject();
      }}
    >
      <Field id="reject-reason" label="Reason" errors={reasonError}>
        <Input
          {...describe("reject-reason", reasonError)}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
        />
      </Field>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" variant="danger">
          Reject
        </Button>
      </div>
    </form>
  );
}

/** Asks why before rejecting `task`; closed while `task` is null. */
export function RejectDialog({ task, onClose }: { task: Rejected | null; onClose: () => void }) {
  return (
    <Dialog
      open={task !== null}
      onOpenChange={(open) => !open && onClose()}
      title="Reject this task"
      description={task?.title}
    >
      {task ? <RejectForm task={task} onClose={onClose} /> : null}
    </Dialog>
  );
}
