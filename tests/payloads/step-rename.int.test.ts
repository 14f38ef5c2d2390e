import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  finishedRun,
  runWaiting,
  sendEvent,
  serveRoute,
  startTestEngine,
  type RouteHandlers,
  type TestApp,
  type TestEngine,
} from "../engine/helpers";

/**
 * A run waits while a new version of the app ships with a step renamed. The SDK finds memoised steps by the hash of
 * their id, so the rename is safe only when the id stays and the name changes: `step.run({ id, name }, …)`.
 */

let engine: TestEngine;
let client: Inngest.Any;
let app: TestApp;
/** The version being served: the URL stays the same across deploys, as a redeployed app's does. */
let served: RouteHandlers = {};
const effects: Record<string, number> = {};
const count = (name: string) => {
  effects[name] = (effects[name] ?? 0) + 1;
};

/** One version of the same function: a → wait for approval → b, with step a named as the version says. */
function flow(version: "shipped" | "renamed-name" | "renamed-id") {
  return client.createFunction(
    { id: "rename-flow", triggers: [{ event: "test/rename.started" }] },
    async ({ event, step }) => {
      const key = String(event.data.key);
      const work = () => {
        count(`a:${key}`);
        return { reserved: key };
      };
      const a =
        version === "shipped"
          ? await step.run("reserve-stock", work)
          : version === "renamed-name"
            ? await step.run({ id: "reserve-stock", name: "Hold the stock for the order" }, work)
            : await step.run("hold-stock", work);
      const approval = await step.waitForEvent("wait-for-approval", {
        event: "test/rename.approved",
        if: `async.data.key == "${key}"`,
        timeout: "1h",
      });
      const b = await step.run("ship", () => {
        count(`b:${key}`);
        return { shipped: a.reserved, approved: approval !== null };
      });
      return b;
    },
  );
}

/** Replaces the served app with another version on the same URL and re-syncs it, as a deploy does. */
async function deploy(version: Parameters<typeof flow>[0]) {
  served = serve({ client, functions: [flow(version)] }) as unknown as RouteHandlers;
  await engine.syncApp(app.url);
}

beforeAll(async () => {
  engine = await startTestEngine();
  client = new Inngest({ id: "rename-app", isDev: true, baseUrl: engine.url });
  const dispatch = (method: string) => (request: Request) => {
    const handler = served[method];
    return handler ? handler(request) : Promise.resolve(new Response(null, { status: 405 }));
  };
  app = await serveRoute({ GET: dispatch("GET"), POST: dispatch("POST"), PUT: dispatch("PUT") });
});

afterAll(async () => {
  await app.close();
  await engine.close();
});

/** Starts a run on the shipped version and returns once its first step is done and it waits. */
async function startWaitingRun(key: string) {
  await deploy("shipped");
  const eventId = await sendEvent(client, "test/rename.started", { key });
  await runWaiting(engine, eventId);
  expect(effects[`a:${key}`]).toBe(1);
  return eventId;
}

describe("a step renamed while a run waits", () => {
  it("finishes without redoing finished work when the new version keeps the step's id and changes its name", async () => {
    const eventId = await startWaitingRun("kept-id");
    await deploy("renamed-name");
    await sendEvent(client, "test/rename.approved", { key: "kept-id" });
    const run = await finishedRun(engine.url, eventId);
    expect(run.status).toBe("Completed");
    expect(run.output).toEqual({ shipped: "kept-id", approved: true });
    expect(effects["a:kept-id"]).toBe(1);
    expect(effects["b:kept-id"]).toBe(1);
  });

  it("runs the finished step again when the new version changes the step's id, which is why ids never change", async () => {
    const eventId = await startWaitingRun("new-id");
    await deploy("renamed-id");
    await sendEvent(client, "test/rename.approved", { key: "new-id" });
    const run = await finishedRun(engine.url, eventId);
    expect(run.status).toBe("Completed");
    expect(effects["a:new-id"]).toBe(2);
    expect(effects["b:new-id"]).toBe(1);
  });
});
