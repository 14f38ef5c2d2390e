import type postgres from "postgres";
import {
  countDocuments,
  effectExecutions,
  redoneSteps,
  stepExecutions,
  type DocumentFigures,
  type DocumentState,
  type Outage,
} from "./accounting";

export type ChaosReport = DocumentFigures & {
  doubledEffects: string[];
  redone: string[];
  /** What the redone count looked at, so a 0 is seen to come from real executions. */
  checked: { steps: number; effects: number; reexecutions: number };
};

const total = (executions: Map<string, number[]>) =>
  [...executions.values()].reduce((sum, times) => sum + times.length, 0);

/** Everything the run must have kept: every document somewhere final, every effect once, no finished step redone. */
export async function collectReport(sql: postgres.Sql, submitted: string[], outages: Outage[]): Promise<ChaosReport> {
  const rows = await sql<{ id: string; status: string; open_task: boolean }[]>`
    select d.id, d.status, exists (select 1 from tasks t where t.document_id = d.id and t.status = 'open') as open_task
    from documents d where d.id = any(${submitted}::uuid[])`;
  const states = new Map<string, DocumentState>(rows.map((r) => [r.id, { status: r.status, openTask: r.open_task }]));
  const doubled = await sql<{ what: string }[]>`
    select 'payables of document ' || document_id || ': ' || count(*) as what from payables group by document_id having count(*) > 1
    union all
    select 'purchase orders of document ' || document_id || ': ' || count(*) from purchase_orders group by document_id having count(*) > 1
    union all
    select 'applied attempts of effect ' || idempotency_key || ': ' || count(*) from effect_attempts
      where outcome = 'applied' group by idempotency_key having count(*) > 1`;
  const attempts = await sql<{ runId: string; startedAt: Date; ops: string[] | null }[]>`
    select run_id as "runId", started_at as "startedAt", ops from inngest_engine.attempts where outcome = 'ops' or outcome = 'completed'`;
  const effects = await sql<
    { idempotencyKey: string; at: Date }[]
  >`select idempotency_key as "idempotencyKey", at from effect_attempts`;
  const steps = stepExecutions(attempts);
  const effectRuns = effectExecutions(effects);
  return {
    ...countDocuments(submitted, states),
    checked: {
      steps: total(steps),
      effects: total(effectRuns),
      reexecutions: total(steps) - steps.size + total(effectRuns) - effectRuns.size,
    },
    doubledEffects: doubled.map((r) => r.what),
    redone: [
      ...redoneSteps(steps, outages).map((p) => `step ${p}`),
      ...redoneSteps(effectRuns, outages).map((p) => `effect ${p}`),
    ],
  };
}

/** One line per figure, and the evidence behind any figure that must be 0 and is not. */
export function printReport(report: ChaosReport): boolean {
  const line = (label: string, value: number) => console.log(`${label.padEnd(24)} ${String(value)}`);
  line("documents submitted", report.submitted);
  line("posted", report.posted);
  line("needs_review/waiting", report.waiting);
  line("rejected", report.rejected);
  line("failed", report.failed);
  line("LOST", report.lost.length);
  line("STUCK", report.stuck.length);
  line("DOUBLED EFFECTS", report.doubledEffects.length);
  line("FINISHED STEPS REDONE", report.redone.length);
  const { steps, effects, reexecutions } = report.checked;
  console.log(
    `  (from ${String(steps)} step executions and ${String(effects)} effect attempts; ${String(reexecutions)} re-executions, each explained by an outage unless counted above)`,
  );
  const evidence: Array<[string, string[]]> = [
    ["lost", report.lost],
    ["stuck", report.stuck],
    ["doubled effects", report.doubledEffects],
    ["finished steps redone", report.redone],
  ];
  for (const [what, items] of evidence) {
    if (items.length === 0) continue;
    console.log(`\n${what}:`);
    for (const item of items.slice(0, 50)) console.log(`  ${item}`);
    if (items.length > 50) console.log(`  … and ${String(items.length - 50)} more`);
  }
  return evidence.every(([, items]) => items.length === 0);
}
