import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashedSigningKey } from "@/engine/signing";
import { runWaiting, startApp, startTestEngine, type TestApp, type TestEngine } from "./helpers";

const signingKey = `signkey-test-${"7c".repeat(32)}`;
const eventKey = "auth-test-event-key";

let cloud: TestEngine;
let dev: TestEngine;
let app: TestApp;
let client: Inngest.Any;

beforeAll(async () => {
  cloud = await startTestEngine({ signingKey, eventKeys: [eventKey] });
  dev = await startTestEngine();
  client = new Inngest({ id: "auth-app", isDev: false, baseUrl: cloud.url, signingKey, eventKey });
  const waits = client.createFunction({ id: "waits", triggers: [{ event: "auth/wait" }] }, async ({ step }) => {
    await step.waitForEvent("approval", { event: "auth/approved", timeout: "1d" });
    return "done";
  });
  app = await startApp(client, [waits]);
  await cloud.syncApp(app.url);
});

afterAll(async () => {
  await app.close();
  await cloud.close();
  await dev.close();
});

const post = (engine: TestEngine, path: string, body: unknown) =>
  fetch(`${engine.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const countEvents = async (engine: TestEngine, name: string) =>
  Number((await engine.sql<{ n: string }[]>`select count(*) as n from events where name = ${name}`)[0]?.n);

async function waitingRun(): Promise<string> {
  const { ids } = await client.send({ name: "auth/wait", data: {} });
  return runWaiting(cloud, ids[0] as string);
}

describe("event API in cloud mode", () => {
  it("refuses an event sent without an event key, 401", async () => {
    for (const path of ["/e", "/e/"]) {
      const res = await post(cloud, path, { name: "auth/nokey", data: {} });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/event key/);
    }
    expect(await countEvents(cloud, "auth/nokey")).toBe(0);
  });

  it("refuses an event sent with a wrong event key, 401", async () => {
    const res = await post(cloud, "/e/not-the-key", { name: "auth/wrongkey", data: {} });
    expect(res.status).toBe(401);
    expect(await countEvents(cloud, "auth/wrongkey")).toBe(0);
  });

  it("accepts an event sent with its event key", async () => {
    const res = await post(cloud, `/e/${eventKey}`, { name: "auth/rightkey", data: {} });
    expect(res.status).toBe(200);
    expect(await countEvents(cloud, "auth/rightkey")).toBe(1);
  });

  it("refuses a posted inngest/function.failed even with the event key: only the engine emits inngest/ events", async () => {
    const runId = await waitingRun();
    const forged = {
      name: "inngest/function.failed",
      data: { function_id: "auth-app-waits", run_id: runId, error: { message: "forged" } },
    };
    const res = await post(cloud, `/e/${eventKey}`, [forged]);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/inngest\/function\.failed.*reserved/);
    for (const name of ["inngest/function.failed", "inngest/scheduled.timer"]) {
      expect((await post(cloud, `/e/${eventKey}`, { name, data: {} })).status).toBe(400);
      expect(await countEvents(cloud, name)).toBe(0);
    }
  });
});

describe("REST API in cloud mode", () => {
  it("answers GET /v1/runs/:id and /v1/events/:id/runs 401 without the signing key", async () => {
    const runId = await waitingRun();
    expect((await fetch(`${cloud.url}/v1/runs/${runId}`)).status).toBe(401);
    expect((await fetch(`${cloud.url}/v1/events/any/runs`)).status).toBe(401);
    expect((await fetch(`${cloud.url}/v1/events/any`)).status).toBe(401);
    const wrong = await fetch(`${cloud.url}/v1/runs/${runId}`, {
      headers: { authorization: "Bearer signkey-test-00" },
    });
    expect(wrong.status).toBe(401);
  });

  it("refuses DELETE /v1/runs/:id without the signing key, 401, and the run keeps waiting", async () => {
    const runId = await waitingRun();
    expect((await fetch(`${cloud.url}/v1/runs/${runId}`, { method: "DELETE" })).status).toBe(401);
    const [row] = await cloud.sql<{ status: string }[]>`select status from runs where id = ${runId}`;
    expect(row?.status).toBe("Running");
  });

  it("answers an operator with the signing key, raw or hashed as the SDK sends it", async () => {
    const runId = await waitingRun();
    const raw = await fetch(`${cloud.url}/v1/runs/${runId}`, { headers: { authorization: `Bearer ${signingKey}` } });
    expect(raw.status).toBe(200);
    const cancelled = await fetch(`${cloud.url}/v1/runs/${runId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${hashedSigningKey(signingKey)}` },
    });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { data: { status: string } }).data.status).toBe("Cancelled");
  });
});

describe("dev mode stays open, as Inngest's dev server", () => {
  it("accepts events under any key or none, and REST calls without credentials", async () => {
    for (const path of ["/e/whatever", "/e/", "/e"]) {
      const res = await post(dev, path, { name: "dev/open", data: {} });
      expect(res.status).toBe(200);
    }
    expect(await countEvents(dev, "dev/open")).toBe(3);
    expect((await fetch(`${dev.url}/v1/events/none/runs`)).status).toBe(200);
    expect((await fetch(`${dev.url}/v1/runs/none`)).status).toBe(404);
  });

  it("still refuses inngest/ events from outside", async () => {
    expect((await post(dev, "/e/any", { name: "inngest/function.failed", data: {} })).status).toBe(400);
    expect(await countEvents(dev, "inngest/function.failed")).toBe(0);
  });
});
