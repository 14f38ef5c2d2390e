import { describe, expect, it } from "vitest";
import { finishedRuns, untilRun, withEngineApp } from "./helpers";

/**
 * Group commit of checkpoints: runs checkpointing at the same time share transactions, and still each run's fences
 * hold (a stale checkpoint refused with 409 while others commit beside it) and every step is recorded once.
 */

const STEPS = 8;
const RUNS = 24;

describe("checkpoints of concurrent runs", () => {
  const executions = new Map<string, number>();
  const get = withEngineApp(
    "cp-group",
    (client) => [
      client.createFunction({ id: "chain", triggers: [{ event: "group/start" }] }, async ({ event, step }) => {
        let total = 0;
        for (let i = 0; i < STEPS; i++)
          total += await step.run(`s${i}`, async () => {
            const key = `${event.data.n as number}:s${i}`;
            executions.set(key, (executions.get(key) ?? 0) + 1);
            // A little time in each step, so checkpoints of different runs arrive while a transaction is open.
            await new Promise((r) => setTimeout(r, 2));
            return i;
          });
        return { n: event.data.n as number, total };
      }),
    ],
    { checkpointing: true, workers: RUNS },
  );

  it("share transactions, refuse a stale one beside them, and record every step once", async () => {
    const { engine, client } = get();
    const { ids } = await client.send(Array.from({ length: RUNS }, (_, n) => ({ name: "group/start", data: { n } })));

    // A stale checkpoint (an earlier claim's generation) posted while the runs checkpoint.
    const [job] = await untilRun(engine, "a run with a checkpointed step and its call in flight", async () => {
      const rows = await engine.sql<{ id: string; run_id: string; generation: number; function_id: string }[]>`
        select j.id, j.run_id, j.generation, r.function_id from jobs j join runs r on r.id = j.run_id
        where j.kind = 'call' and r.status = 'Running' and r.memo_count >= 1 and r.memo_count < ${STEPS - 2}
        limit 1`;
      return rows.length > 0 ? rows : undefined;
    });
    if (!job) throw new Error("no run in flight");
    const stale = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        fetch(`${engine.url}/v1/checkpoint/${job.run_id}/async`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            run_id: job.run_id,
            fn_id: job.function_id,
            qi_id: job.id,
            generation_id: job.generation - 1,
            steps: [{ op: "StepRun", id: `forged-${String(i)}`, displayName: "forged", data: 0 }],
          }),
        }).then((res) => res.status),
      ),
    );
    expect(stale).toEqual([409, 409, 409, 409]);

    const runs = await Promise.all(ids.map((id) => finishedRuns(engine.url, id)));
    const expectedTotal = (STEPS * (STEPS - 1)) / 2;
    expect(runs.flat().map((run) => run.status)).toEqual(Array(RUNS).fill("Completed"));
    expect(runs.flat().map((run) => (run.output as { total: number }).total)).toEqual(Array(RUNS).fill(expectedTotal));
    // No crash, no retry: every step ran exactly once, and each run's memo holds each step once, in order.
    expect([...executions.values()]).toEqual(Array(RUNS * STEPS).fill(1));
    const memos = await engine.sql<{ run_id: string; steps: string[]; checkpoints: number }[]>`
      select s.run_id, array_agg(s.step_id order by s.position) as steps,
             (select count(*)::int from attempts a where a.run_id = s.run_id and a.outcome = 'checkpoint') as checkpoints
      from run_steps s where s.position is not null group by s.run_id`;
    expect(memos).toHaveLength(RUNS);
    for (const memo of memos) expect(memo.steps).toHaveLength(STEPS);
    expect(memos.map((memo) => memo.checkpoints)).toEqual(Array(RUNS).fill(STEPS));
    expect(await engine.sql`select 1 from run_steps where step_id like 'forged-%'`).toHaveLength(0);

    // Rows written by one transaction share its xmin: some transaction memoised steps of several runs.
    const [shared] = await engine.sql<{ n: number }[]>`
      select count(*)::int as n from (
        select xmin::text from run_steps where position is not null group by xmin::text having count(distinct run_id) > 1
      ) t`;
    expect(shared?.n ?? 0).toBeGreaterThan(0);
  });
});
