"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { promoteEvalCaseAction } from "../actions";

/** Freezes this task's document, with its fields as decided, into an eval case that `npm run eval` scores. */
export function PromoteEvalCase({ taskId }: { taskId: string }) {
  const [pending, start] = useTransition();
  const [refusal, setRefusal] = useState<string | null>(null);
  const router = useRouter();
  return (
    <section
      aria-labelledby="eval-case-heading"
      className="mb-6 space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 id="eval-case-heading" className="text-base font-semibold">
        Eval case
      </h2>
      <p className="text-slate-600">
        Keep this document and its fields as decided as a test the extractor is scored on from now on.
      </p>
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={() => {
          start(async () => {
            const result = await promoteEvalCaseAction(taskId);
            setRefusal(result.ok ? null : result.message);
            // Refused because someone promoted it meanwhile: the page then shows their case.
            router.refresh();
          });
        }}
      >
        Promote to eval case
      </Button>
      {refusal ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {refusal}
        </p>
      ) : null}
    </section>
  );
}
