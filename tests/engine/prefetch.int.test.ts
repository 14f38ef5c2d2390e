import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngineContext } from "@/engine/context";
import type { Dispatcher } from "@/engine/handoff";
import { dispatchingTransaction } from "@/engine/handoff";
import { createLogger } from "@/engine/log";
import { takeInputs } from "@/engine/prefetch";
import { createRun } from "@/engine/run-state";
import { readCallInputs } from "@/engine/store/runs";
import { makeTiming } from "@/engine/timing";
import type { FunctionConfig, FunctionRow, JobRow } from "@/engine/types";
import { startTestEngine, type TestEngine } from "./helpers";

/**
 * A new run's first call starts with no read: the transaction that created the run hands the call what it wrote
 * (engine/prefetch.ts). What it hands over must be what a read after its commit returns, or the first call would be
 * sent something no later call of the run would be.
 */

let engine: TestEngine;
let ctx: EngineContext;
const OWNER = "prefetch-test-engine";

beforeAll(async () => {
  // No worker places: the runs made here are never claimed, so nothing changes them after their creation.
  engine = await startTestEngine({ workers: 0 });
  ctx = {
    sql: engine.sql,
    recycleDb: () => {},
    log: createLogger("silent"),
    timing: makeTiming(true),
    engineId: OWNER,
    eventKeys: [],
    appOrigins: [],
    checkpointing: false,
  };
  await engine.sql`insert into apps (id, url, config) values ('prefetch-app', 'http://127.0.0.1:1/api/inngest', '{}'::jsonb)`;
});

afterAll(async () => {
  await engine.close();
});

async function syncedFunction(id: string, config: Partial<FunctionConfig>): Promise<FunctionRow> {
  const fn: FunctionRow = {
    id,
    app_id: "prefetch-app",
    name: id,
    url: "http://127.0.0.1:1/api/inngest?fnId=x",
    config: { id, name: id, triggers: [{ event: "prefetch/go" }], steps: {}, ...config },
  };
  await engine.sql`
    insert into functions (id, app_id, name, url, config)
    values (${fn.id}, ${fn.app_id}, ${fn.name}, ${fn.url}, ${engine.sql.json(fn.config as never)})`;
  return fn;
}

/** Creates a run in a dispatching transaction whose worker has a place: its first call is leased to it. */
async function startRun(fn: FunctionRow): Promise<{ runId: string; first: JobRow | undefined }> {
  const adopted: JobRow[] = [];
  const dispatcher: Dispatcher = {
    owner: OWNER,
    leaseMs: 60_000,
    reserve: () => true,
    release: () => {},
    adopt: (jobs) => adopted.push(...jobs),
  };
  const runId = await dispatchingTransaction(engine.sql, dispatcher, (tx) =>
    createRun(ctx, tx, fn, { name: "prefetch/go", data: { n: 1 }, id: "evt-1", ts: 1_700_000_000_000 }),
  );
  return { runId, first: adopted[0] };
}

describe("a new run's first call", () => {
  it.each([
    ["with no start timeout", {}],
    ["with a start timeout queued", { timeouts: { start: "1h" } }],
  ])("is handed what a read after the commit returns, %s", async (_, config) => {
    const fn = await syncedFunction(`prefetch-${String(Object.keys(config).length)}`, config);
    const { runId, first } = await startRun(fn);
    expect(first).toMatchObject({ run_id: runId, kind: "call", step_id: "step" });
    const handed = takeInputs(first as JobRow);
    const read = await readCallInputs(engine.sql, runId);
    expect(handed).toEqual(read);
    expect(handed?.run.start_timer).toBe("timeouts" in config);
    // Handed once: a retry of the call reads afresh.
    expect(takeInputs(first as JobRow)).toBeUndefined();
  });
});
