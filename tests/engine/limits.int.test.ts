import { describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES, MAX_RUN_STATE_BYTES, MAX_STEP_OUTPUT_BYTES } from "@/engine/limits";
import { finishedRun, withEngineApp } from "./helpers";

type RunError = { name: string; message: string };

const harness = withEngineApp("limits-app", (client) => [
  client.createFunction({ id: "big-step", triggers: [{ event: "limits/big-step" }] }, async ({ step }) => {
    try {
      await step.run("big", () => "x".repeat(MAX_STEP_OUTPUT_BYTES));
      return { caught: null };
    } catch (error) {
      return { caught: { name: (error as Error).name, message: (error as Error).message } };
    }
  }),
  client.createFunction({ id: "huge-step", triggers: [{ event: "limits/huge-step" }] }, async ({ step }) => {
    await step.run("huge", () => "x".repeat(MAX_RESPONSE_BYTES + 1));
    return "unreachable";
  }),
  client.createFunction({ id: "big-return", triggers: [{ event: "limits/big-return" }] }, () =>
    "x".repeat(MAX_STEP_OUTPUT_BYTES),
  ),
  client.createFunction({ id: "state", triggers: [{ event: "limits/state" }] }, async ({ step }) => {
    const each = Math.floor(MAX_STEP_OUTPUT_BYTES * 0.95);
    const steps = Math.ceil(MAX_RUN_STATE_BYTES / each);
    for (let i = 0; i < steps; i++) await step.run(`part-${String(i)}`, () => "y".repeat(each));
    return "all kept";
  }),
]);

/** Sends the event and waits for the run it starts to finish. */
async function runFor(name: string) {
  const { engine, send } = harness();
  return finishedRun(engine.url, await send(name));
}

describe("size limits", () => {
  it("fails a step whose output is over 4 MB with an error that names the step and the limit", async () => {
    const run = await runFor("limits/big-step");
    expect(run).toMatchObject({ status: "Completed", output: { caught: { name: "OutputTooLargeError" } } });
    const { message } = (run.output as { caught: RunError }).caught;
    expect(message).toMatch(/output of step "big" \(4\.0 MB\) is over the engine's 4\.0 MB limit/);
  });

  it("stops reading a response over the engine's cap and fails the step that sent it, not the engine", async () => {
    const run = await runFor("limits/huge-step");
    const { engine } = harness();
    expect(run.status).toBe("Failed");
    expect(run.output).toMatchObject({
      name: "OutputTooLargeError",
      message: expect.stringMatching(/step "huge"/) as string,
    });
    const outcomes = await engine.sql<{ outcome: string }[]>`select outcome from attempts where run_id = ${run.run_id}`;
    expect(outcomes.map((a) => a.outcome)).toContain("too_large");
    const [stored] = await engine.sql<{ state_bytes: string }[]>`select state_bytes from runs where id = ${run.run_id}`;
    expect(Number(stored?.state_bytes)).toBeLessThan(10_000);
  });

  it("fails a run whose return value is over 4 MB", async () => {
    const run = await runFor("limits/big-return");
    expect(run).toMatchObject({
      status: "Failed",
      output: { name: "OutputTooLargeError", message: expect.stringMatching(/function's return value/) as string },
    });
  });

  it("fails the step that would take a run's state over 32 MB", async () => {
    const run = await runFor("limits/state");
    const { engine } = harness();
    expect(run.status).toBe("Failed");
    expect((run.output as RunError).message).toMatch(/run's state .* is over the engine's 32\.0 MB limit/);
    const [stored] = await engine.sql<{ state_bytes: string }[]>`select state_bytes from runs where id = ${run.run_id}`;
    expect(Number(stored?.state_bytes)).toBeLessThanOrEqual(MAX_RUN_STATE_BYTES);
  });

  it("answers an event body over 10 MB with 413 and the limit", async () => {
    const res = await fetch(`${harness().engine.url}/e/key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "limits/none", data: { blob: "z".repeat(10 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "request body is over the engine's 10 MB limit" });
  });
});
