import { unexplainedReexecutions, type Outage } from "../../tests/engine/processes";

export type { Outage };

/** A document as the chaos run finds it at the end: its status, and whether a person has an open task on it. */
export type DocumentState = { status: string; openTask: boolean };

export type DocumentFigures = {
  submitted: number;
  posted: number;
  /** Waiting for a person: needs_review with an open task. */
  waiting: number;
  rejected: number;
  failed: number;
  /** Never got anywhere: no row, or still received/extracting when the run ended. */
  lost: string[];
  /** Somewhere a run should have moved on from: approved, or needs_review with no open task to wait for. */
  stuck: string[];
};

/** Sorts every submitted document into exactly one figure. */
export function countDocuments(submitted: string[], states: Map<string, DocumentState>): DocumentFigures {
  const figures: DocumentFigures = {
    submitted: submitted.length,
    posted: 0,
    waiting: 0,
    rejected: 0,
    failed: 0,
    lost: [],
    stuck: [],
  };
  for (const id of submitted) {
    const state = states.get(id);
    if (!state || state.status === "received" || state.status === "extracting")
      figures.lost.push(`${id} (${state?.status ?? "no row"})`);
    else if (state.status === "posted") figures.posted++;
    else if (state.status === "rejected") figures.rejected++;
    else if (state.status === "failed") figures.failed++;
    else if (state.status === "needs_review" && state.openTask) figures.waiting++;
    else figures.stuck.push(`${id} (${state.status}${state.openTask ? ", open task" : ", no open task"})`);
  }
  return figures;
}

/** One SDK call the engine logged: when it started and the ops the app answered with (`StepRun:<id>`, …). */
export type AttemptRow = { runId: string; startedAt: Date; ops: string[] | null };

/**
 * When each step ran to completion, by run and step: an answer carrying a step's result (StepRun) is that step
 * having executed. The engine logs an answer only once it has committed it, so a step counted twice completed twice.
 */
export function stepExecutions(attempts: AttemptRow[]): Map<string, number[]> {
  const executions = new Map<string, number[]>();
  for (const attempt of attempts) {
    for (const op of attempt.ops ?? []) {
      const [kind, id] = splitOp(op);
      if (kind !== "StepRun") continue;
      const key = `${attempt.runId}:${id}`;
      executions.set(key, [...(executions.get(key) ?? []), attempt.startedAt.getTime()]);
    }
  }
  return executions;
}

function splitOp(op: string): [string, string] {
  const at = op.indexOf(":");
  return at < 0 ? [op, ""] : [op.slice(0, at), op.slice(at + 1)];
}

/** Each attempt at a side effect Keel recorded (applied or found already applied), by idempotency key. */
export function effectExecutions(rows: Array<{ idempotencyKey: string; at: Date }>): Map<string, number[]> {
  const executions = new Map<string, number[]>();
  for (const row of rows)
    executions.set(row.idempotencyKey, [...(executions.get(row.idempotencyKey) ?? []), row.at.getTime()]);
  return executions;
}

/**
 * Finished steps executed again with no outage to explain it: the step's previous execution was not in flight when
 * a process died or PostgreSQL went away.
 */
export function redoneSteps(executions: Map<string, number[]>, outages: Outage[]): string[] {
  return unexplainedReexecutions(executions, outages);
}
