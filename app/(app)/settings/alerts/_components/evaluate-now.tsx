"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/errors";
import type { AlertsEvaluation } from "@/services/alerts/evaluate";
import { evaluateAlertsNowAction } from "../actions";

const count = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/** Runs the cron's evaluation at once, for an admin who just changed a rule or wants to know now. */
export function EvaluateNow() {
  const [state, action, pending] = useActionState<ActionResult<AlertsEvaluation> | { ok: null }>(
    evaluateAlertsNowAction,
    { ok: null },
  );
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-3">
      {state.ok === true ? (
        <p role="status" className="text-sm text-slate-700">
          {count(state.data.evaluated, "rule", "rules")} evaluated: {count(state.data.fired, "alert", "alerts")} fired,{" "}
          {count(state.data.resolved, "resolved", "resolved")}
          {state.data.failed > 0
            ? `; ${count(state.data.failed, "rule", "rules")} could not be read (see the log), and the next run tries again`
            : ""}
          .
        </p>
      ) : state.ok === false ? (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Evaluating…" : "Evaluate now"}
      </Button>
    </form>
  );
}
