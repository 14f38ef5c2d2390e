import { Inngest } from "inngest";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEngine, type RunningEngine } from "@/engine/index";
import { createIsolatedDatabase } from "../setup/database";
import {
  finishedRun,
  runWaiting,
  startApp,
  until,
  withEngineApp,
  type RestRun,
  type TestApp,
  type TestClient,
} from "./helpers";

type WaitRequest = { signal: string; timeout?: string; conflict?: "replace" | "fail" };

/** Waits for the signal the event names; a refused wait (conflict) is returned, not thrown, so a test can read it. */
function defineWaiter(client: TestClient) {
  return client.createFunction({ id: "waiter", triggers: [{ event: "test/wait-signal" }] }, async ({ event, step }) => {
    const request = event.data as WaitRequest;
    try {
      const got = await step.waitForSignal("wait", {
        signal: request.signal,
        timeout: request.timeout ?? "1h",
        onConflict: request.conflict ?? "fail",
      });
      return { got };
    } catch (error) {
      return { refused: (error as Error).message };
    }
  });
}

const current = withEngineApp("signals", (client) => [defineWaiter(client)]);

async function startWaiting(request: WaitRequest): Promise<{ eventId: string; runId: string }> {
  const { engine, send } = current();
  const eventId = await send("test/wait-signal", request);
  const runId = await runWaiting(engine, eventId);
  // The step is pending from the discovery's transaction on, and the pause with it: the signal can find it now.
  return { eventId, runId };
}

async function postSignal(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/v1/signals`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("step.waitForSignal and POST /v1/signals", () => {
  it("resumes the one run waiting for the signal with { signal, data }, and answers with its run id", async () => {
    const { engine, client } = current();
    const { eventId, runId } = await startWaiting({ signal: "order/1" });
    const sent = await client.sendSignal({ signal: "order/1", data: { approved: true } });
    expect(sent).toEqual({ runId });
    const run = await finishedRun(engine.url, eventId);
    expect(run).toMatchObject({
      status: "Completed",
      output: { got: { signal: "order/1", data: { approved: true } } },
    });
    expect(await engine.sql`select 1 from pauses where run_id = ${runId}`).toHaveLength(0);
    expect(await engine.sql`select 1 from jobs where run_id = ${runId}`).toHaveLength(0);
  });

  it("keeps no signal nobody waits for: the SDK gets no run id, and a later wait times out with null", async () => {
    const { engine, client } = current();
    expect(await client.sendSignal({ signal: "early/1", data: 1 })).toEqual({ runId: undefined });
    // 100 s at test timing's 1/100 scale: one second.
    const { eventId } = await startWaiting({ signal: "early/1", timeout: "100s" });
    const run = await finishedRun(engine.url, eventId);
    expect(run).toMatchObject({ status: "Completed", output: { got: null } });
  });

  it("resumes a run once: a second signal of the same name finds no waiter", async () => {
    const { engine, client } = current();
    const { eventId, runId } = await startWaiting({ signal: "dup/1" });
    const [first, second] = await Promise.all([
      client.sendSignal({ signal: "dup/1", data: "a" }),
      client.sendSignal({ signal: "dup/1", data: "b" }),
    ]);
    expect([first.runId, second.runId].filter(Boolean)).toEqual([runId]);
    const run = await finishedRun(engine.url, eventId);
    const won = first.runId ? "a" : "b";
    expect(run.output).toEqual({ got: { signal: "dup/1", data: won } });
    const steps = await engine.sql`select step_id from run_steps where run_id = ${runId} and kind = 'wait'`;
    expect(steps).toHaveLength(1);
  });

  it('refuses a second waiter under onConflict "fail": its step throws, the first keeps the signal', async () => {
    const { engine, client } = current();
    const first = await startWaiting({ signal: "conflict/fail" });
    const { send } = current();
    const secondEvent = await send("test/wait-signal", { signal: "conflict/fail" });
    const second = await finishedRun(engine.url, secondEvent);
    expect(second.output).toEqual({
      refused: expect.stringContaining(`run ${first.runId} is already waiting for signal "conflict/fail"`) as string,
    });
    expect(await client.sendSignal({ signal: "conflict/fail", data: 1 })).toEqual({ runId: first.runId });
    expect((await finishedRun(engine.url, first.eventId)).output).toEqual({
      got: { signal: "conflict/fail", data: 1 },
    });
  });

  it('lets a waiter with onConflict "replace" take the signal; the replaced run times out with null', async () => {
    const { engine, client } = current();
    const replaced = await startWaiting({ signal: "conflict/replace", timeout: "150s" });
    const taker = await startWaiting({ signal: "conflict/replace", conflict: "replace" });
    expect(await client.sendSignal({ signal: "conflict/replace", data: "x" })).toEqual({ runId: taker.runId });
    expect((await finishedRun(engine.url, taker.eventId)).output).toEqual({
      got: { signal: "conflict/replace", data: "x" },
    });
    const old = await finishedRun(engine.url, replaced.eventId);
    expect(old).toMatchObject({ status: "Completed", output: { got: null } });
  });

  it("resumes with null when the wait times out, and a signal after that finds no waiter", async () => {
    const { engine, client } = current();
    const { eventId } = await startWaiting({ signal: "late/1", timeout: "50s" });
    expect((await finishedRun(engine.url, eventId)).output).toEqual({ got: null });
    expect(await client.sendSignal({ signal: "late/1", data: 1 })).toEqual({ runId: undefined });
  });

  it("drops a cancelled run's wait with the run", async () => {
    const { engine, client } = current();
    const { runId } = await startWaiting({ signal: "cancelled/1" });
    await fetch(`${engine.url}/v1/runs/${runId}`, { method: "DELETE" });
    expect(await engine.sql`select 1 from pauses where run_id = ${runId}`).toHaveLength(0);
    expect(await client.sendSignal({ signal: "cancelled/1", data: 1 })).toEqual({ runId: undefined });
  });

  it("answers a malformed signal with 400 and what to send", async () => {
    const { engine } = current();
    const empty = await postSignal(engine.url, { signal: "  ", data: 1 });
    expect(empty).toEqual({
      status: 400,
      body: { error: '"signal" must be a non-empty string: the name a run waits for', status: 400 },
    });
    expect((await postSignal(engine.url, [1])).status).toBe(400);
  });
});

describe("signals in cloud mode and across an engine restart", () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("keeps a wait through an engine restart; a signal to the new engine resumes it; cloud mode needs the key", async () => {
    const db = await createIsolatedDatabase("signals");
    cleanup.push(db.drop);
    const signingKey = `signkey-test-${"5e".repeat(32)}`;
    const start = () =>
      startEngine({
        databaseUrl: db.url,
        port: 0,
        testTiming: true,
        logLevel: "silent",
        signingKey,
        eventKeys: ["ek"],
      });
    const first: RunningEngine = await start();
    const client = new Inngest({ id: "restart-signals", baseUrl: first.url, signingKey, eventKey: "ek", isDev: false });
    const app: TestApp = await startApp(client, [defineWaiter(client)]);
    cleanup.push(app.close);
    await first.syncApp(app.url);
    const sql = postgres(db.url, { max: 1, onnotice: () => {}, connection: { search_path: "inngest_engine" } });
    cleanup.push(() => sql.end({ timeout: 5 }));
    // The SDK's own call, signed with the hashed key: authenticated, it learns no run waits yet.
    expect(await client.sendSignal({ signal: "restart/1", data: "too early" })).toEqual({ runId: undefined });
    await client.send({ name: "test/wait-signal", data: { signal: "restart/1" } });
    await until("the run to wait for its signal", async () => {
      const rows = await sql`select 1 from pauses where kind = 'signal' and event_name = 'restart/1'`;
      return rows.length > 0;
    });
    const headers = { authorization: `Bearer ${signingKey}` };
    await first.stop();

    const second = await start();
    cleanup.push(() => second.stop());
    const unsigned = await postSignal(second.url, { signal: "restart/1", data: 1 });
    expect(unsigned.status).toBe(401);
    const signed = await postSignal(second.url, { signal: "restart/1", data: "after restart" }, headers);
    expect(signed.status).toBe(200);
    const runId = (signed.body.data as { run_id: string }).run_id;
    const run = await until("the run to finish", async () => {
      const res = await fetch(`${second.url}/v1/runs/${runId}`, { headers });
      const body = (await res.json()) as { data: RestRun };
      return body.data.status === "Completed" ? body.data : undefined;
    });
    expect(run.output).toEqual({ got: { signal: "restart/1", data: "after restart" } });
  });
});
