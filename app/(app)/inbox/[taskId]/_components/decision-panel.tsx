"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { describe, Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { decideTask } from "../../actions";

type Permission = { allowed: true } | { allowed: false; reason: string };

/** The actions this user may take; the others shown disabled with the reason. */
export function DecisionPanel({ taskId, approve, reject }: { taskId: string; approve: Permission; reject: Permission }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const [reason, setReason] = useState("");
  const router = useRouter();
  const notify = useToast();

  const run = (input: Parameters<typeof decideTask>[0]) => {
    start(async () => {
      const result = await decideTask(input);
      if (result.ok) {
        if (result.data.resolved) router.push("/inbox");
        else notify({ title: "Approved", description: "A second approver must confirm before it is final.", tone: "success" });
        return;
      }
      setReasonError(result.fieldErrors?.reason);
      setError(result.fieldErrors ? null : result.message);
    });
  };

  return (
    <section aria-label="Decision" className="space-y-4 self-start rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Decision</h2>
      {error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <div>
        <Button disabled={pending || !approve.allowed} onClick={() => run({ taskId, action: "approve" })}>
          Approve
        </Button>
        {!approve.allowed ? <p className="mt-1 text-xs text-slate-600">{approve.reason}</p> : null}
      </div>
      <div className="border-t border-slate-100 pt-4">
        <Field id="reason" label="Reason for rejecting" errors={reasonError}>
          <Input {...describe("reason", reasonError)} value={reason} onChange={(e) => setReason(e.target.value)} disabled={!reject.allowed} />
        </Field>
        <Button className="mt-2" variant="danger" disabled={pending || !reject.allowed} onClick={() => run({ taskId, action: "reject", reason })}>
          Reject
        </Button>
        {!reject.allowed ? <p className="mt-1 text-xs text-slate-600">{reject.reason}</p> : null}
      </div>
    </section>
  );
}
