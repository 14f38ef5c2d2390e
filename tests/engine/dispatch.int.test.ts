import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS_CHANNEL } from "@/engine/store/jobs";
import { finishedRun, finishedRuns, withEngineApp } from "./helpers";

/**
 * Direct dispatch (engine/handoff.ts): a call that an event, a signal or a call's answer queues due now is leased to
 * the engine in the same transaction and run once it commits, without NOTIFY and a second write to claim it. The
 * places it takes in the worker are given back when the transaction fails, or the worker would stall.
 */

const STEPS = 5;

const harness = withEngineApp(
  "dispatch-app",
  (client) => [
    // Checkpointing off for this function: each step is a call of its own, queued by the answer before it.
    client.createFunction(
      { id: "chain", checkpointing: false, triggers: [{ event: "dispatch/chain" }] },
      async ({ step }) => {
        let total = 0;
        for (let i = 0; i < STEPS; i++) total += await step.run(`s${String(i)}`, () => i);
        return total;
      },
    ),
    client.createFunction({ id: "one", triggers: [{ event: "dispatch/one" }] }, ({ event }) => event.data.n as number),
  ],
  // One place in the worker: a place a failed transaction kept would leave no room to run anything.
  { workers: 1 },
);

let notified = 0;
let unlisten: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const sub = await harness().engine.sql.listen(JOBS_CHANNEL, () => {
    notified += 1;
  });
  unlisten = () => sub.unlisten();
});

afterAll(async () => {
  await unlisten?.();
});

describe("a call due now", () => {
  it("runs on the engine whose transaction queued it, announced to no one and claimed by no second write", async () => {
    const { engine, send } = harness();
    notified = 0;
    const run = await finishedRun(engine.url, await send("dispatch/chain"));
    expect(run).toMatchObject({ status: "Completed", output: 10 });
    // Six calls (discovery, then one per step's answer), each queued due now by the transaction before it.
    const [calls] = await engine.sql<{ n: number }[]>`
      select count(*)::int as n from attempts where run_id = ${run.run_id} and http_status is not null`;
    expect(calls?.n).toBe(STEPS + 1);
    expect(notified).toBe(0);
  });

  it("gives back its place when the event's transaction fails, so later events still run", async () => {
    const { engine, client } = harness();
    // The first event starts a run (a call queued, a place reserved); the second is refused and rolls both back.
    const res = await fetch(`${engine.url}/e/key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ name: "dispatch/one", data: { n: 1 } }, { data: {} }]),
    });
    expect(res.status).toBe(400);
    const { ids } = await client.send(Array.from({ length: 5 }, (_, n) => ({ name: "dispatch/one", data: { n } })));
    const runs = await Promise.all(ids.map((id) => finishedRuns(engine.url, id)));
    expect(runs.flat().map((run) => run.output)).toEqual([0, 1, 2, 3, 4]);
  });
});
