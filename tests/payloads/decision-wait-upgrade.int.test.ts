import { randomUUID } from "node:crypto";
import type { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDeployableApp } from "../engine/app-server";
import { finishedRun, runWaiting, sendEvent, startTestEngine, type TestEngine } from "../engine/helpers";

/**
 * Runs that began waiting for a decision on the keel/task.resolved event (before issue 17) while the version that
 * waits on a signal ships: the wait keeps its step id, so the event the decision still sends resumes them and the
 * new code replays the step from its memo, whatever the memo holds (an event, a signal, or null).
 */

let engine: TestEngine;
let app: Awaited<ReturnType<typeof startDeployableApp>>;
let deploy: (version: "event-wait" | "signal-wait") => Promise<void>;
let keel: Inngest.Any;
let signalOf: (taskId: string) => string;
const effects: Record<string, number> = {};
const count = (name: string) => {
  effects[name] = (effects[name] ?? 0) + 1;
};

beforeAll(async () => {
  engine = await startTestEngine();
  process.env.INNGEST_DEV = engine.url;
  process.env.INNGEST_BASE_URL = engine.url;
  const { inngest } = await import("@/services/events/client");
  const { waitForDecision } = await import("@/inngest/functions/wait-for-decision");
  keel = inngest;
  signalOf = (await import("@/services/events/catalog")).taskDecidedSignal;
  const flow = (version: "event-wait" | "signal-wait") =>
    inngest.createFunction(
      { id: "decision-flow", triggers: [{ event: "test/task.opened" }] },
      async ({ event, step }) => {
        const taskId = String(event.data.taskId);
        await step.run("open-task", () => count(`open:${taskId}`));
        const until = new Date(Date.now() + 3_600_000);
        if (version === "event-wait")
          await step.waitForEvent("wait-for-decision", {
            event: "keel/task.resolved",
            if: `async.data.taskId == "${taskId}"`,
            timeout: until,
          });
        else await waitForDecision(step, "wait-for-decision", taskId, until);
        return step.run("read-decision", () => {
          count(`read:${taskId}`);
          return version;
        });
      },
    );
  app = await startDeployableApp(inngest);
  deploy = async (version) => {
    app.deploy([flow(version)]);
    await engine.syncApp(app.url);
  };
});

afterAll(async () => {
  await app.close();
  await engine.close();
});

describe("the decision wait moving from an event to a signal", () => {
  it("resumes a run that waits on the event under the new version, without redoing the task", async () => {
    await deploy("event-wait");
    const taskId = randomUUID();
    const eventId = await sendEvent(keel, "test/task.opened", { taskId });
    await runWaiting(engine, eventId);
    await deploy("signal-wait");
    // A signal finds no run waiting on it; the event sent with it is what this run waits for.
    expect(await keel.sendSignal({ signal: signalOf(taskId), data: {} })).toEqual({ runId: undefined });
    await sendEvent(keel, "keel/task.resolved", { taskId, action: "approve" });
    const run = await finishedRun(engine.url, eventId);
    expect(run).toMatchObject({ status: "Completed", output: "signal-wait" });
    expect([effects[`open:${taskId}`], effects[`read:${taskId}`]]).toEqual([1, 1]);
  });

  it("resumes a run of the new version by the signal alone", async () => {
    await deploy("signal-wait");
    const taskId = randomUUID();
    const eventId = await sendEvent(keel, "test/task.opened", { taskId });
    const runId = await runWaiting(engine, eventId);
    expect(await keel.sendSignal({ signal: signalOf(taskId), data: {} })).toEqual({ runId });
    const run = await finishedRun(engine.url, eventId);
    expect(run).toMatchObject({ status: "Completed", output: "signal-wait" });
  });
});
