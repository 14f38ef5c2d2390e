import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_RUN_STATE_BYTES } from "@/engine/limits";
import { renewLeases } from "@/engine/store/jobs";
import { startTestEngine, until, type TestEngine } from "./helpers";

/**
 * A batch of checkpoints and a lease renewal both lock several job rows. Taken in different orders they deadlock;
 * PostgreSQL then aborts one after a second, and a renewal aborted that way lets a live call's lease lapse, so the
 * run is called again and a step runs twice (seen as 5 decisions in 802 applied twice, and resumes a second late,
 * in tests/tasks/decision-signal.int.test.ts). Both must lock jobs in id order: each case holds the lower job and
 * checks that the statement waiting on it has not locked the higher one first.
 */

let engine: TestEngine;
let holder: postgres.ReservedSql;
let waiterSql: postgres.Sql;

beforeAll(async () => {
  engine = await startTestEngine();
  holder = await engine.sql.reserve();
  waiterSql = (await import("postgres")).default(engine.databaseUrl, {
    max: 2,
    onnotice: () => {},
    // Without an index scan, which happens to visit ids in order, rows are met in table order: the order under test
    // is then the statement's own.
    connection: { search_path: "inngest_engine", enable_indexscan: "off", enable_bitmapscan: "off" },
  });
});

afterAll(async () => {
  holder.release();
  await waiterSql.end({ timeout: 5 });
  await engine.close();
});

async function run(id: string) {
  await engine.sql`
    insert into runs (id, function_id, app_id, status, event, events, max_attempts)
    values (${id}, 'lock-order-fn', 'lock-order', 'Running', '{}'::jsonb, '[]'::jsonb, 1)`;
}

/** A call job leased to another engine and due in an hour, so this engine's worker never claims it. */
async function callJob(runId: string, owner: string): Promise<string> {
  const [row] = await engine.sql<{ id: string }[]>`
    insert into jobs (job_key, run_id, kind, step_id, run_at, lease_owner, lease_until, generation)
    values (${`lock-order:${runId}:${owner}`}, ${runId}, 'call', 'step', now() + interval '1 hour', ${owner},
            now() + interval '1 hour', 1)
    returning id::text`;
  if (!row) throw new Error("no job inserted");
  return row.id;
}

/** Holds job `id`'s row lock in a transaction of its own until the returned function is called. */
async function hold(id: string): Promise<() => Promise<void>> {
  await holder`begin`;
  await holder`select id from jobs where id = ${id} for update`;
  return async () => {
    await holder`rollback`;
  };
}

async function untilWaitingOnALock() {
  await until("a statement waiting on the held job", async () => {
    const [row] = await engine.sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`;
    return (row?.n ?? 0) > 0 ? true : undefined;
  });
}

/** Whether job `id` is free to lock at this moment: the waiting statement has not taken it. */
async function isFree(id: string): Promise<boolean> {
  try {
    await engine.sql.begin(async (tx) => {
      await tx`select id from jobs where id = ${id} for update nowait`;
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "55P03") return false;
    throw error;
  }
}

describe("job rows are locked in id order", () => {
  it("by a lease renewal, whatever order its ids come in", async () => {
    await run("renew-run");
    const low = await callJob("renew-run", "renewer-1");
    const high = await callJob("renew-run", "renewer-2");
    await engine.sql`update jobs set lease_owner = 'renewer' where id in (${low}, ${high})`;
    // An update moves the lower job's row after the higher one's: a scan in table order would meet the higher first.
    await engine.sql`update jobs set payload = '{}'::jsonb where id = ${low}`;
    const release = await hold(low);
    const renewal = renewLeases(waiterSql, "renewer", [high, low], 60_000);
    await untilWaitingOnALock();
    expect(await isFree(high)).toBe(true);
    await release();
    await renewal;
    const renewed = await engine.sql<{ n: number }[]>`
      select count(*)::int as n from jobs where id in (${low}, ${high}) and lease_until > now() + interval '50 seconds'
        and lease_until < now() + interval '70 seconds'`;
    expect(renewed[0]?.n).toBe(2);
  });

  it("by a batch of checkpoints, after every run it records, even when run order and job order differ", async () => {
    await run("batch-a");
    await run("batch-b");
    // batch-b's job is the lower: the batch meets the runs as a, b and must still take b's job first.
    const jobOfB = await callJob("batch-b", "engine-x");
    const jobOfA = await callJob("batch-a", "engine-x");
    const step = (id: string) => ({
      id,
      name: id,
      op: `StepRun:${id}`,
      value: { data: 1 },
      bytes: 10,
      started_ms: Date.now(),
      duration_ms: 1,
    });
    const items = [
      { run: "batch-a", fn: "lock-order-fn", job: jobOfA, generation: 1, steps: [step("a1")] },
      { run: "batch-b", fn: "lock-order-fn", job: jobOfB, generation: 1, steps: [step("b1")] },
    ];
    const release = await hold(jobOfB);
    // A postgres.js query is sent when awaited: an async function sends it now.
    const batch = (async () =>
      waiterSql<{ outcomes: unknown }[]>`
        select record_checkpoints(${waiterSql.json(items)}, 'engine-x', ${MAX_RUN_STATE_BYTES}) as outcomes`)();
    await untilWaitingOnALock();
    expect(await isFree(jobOfA)).toBe(true);
    await release();
    const [row] = await batch;
    expect(row?.outcomes).toEqual([{ recorded: 1 }, { recorded: 1 }]);
    const counted = await engine.sql<{ id: string; checkpointed: number }[]>`
      select id::text, checkpointed from jobs where id in (${jobOfA}, ${jobOfB}) order by id`;
    expect(counted).toEqual([
      { id: jobOfB, checkpointed: 1 },
      { id: jobOfA, checkpointed: 1 },
    ]);
  });
});
