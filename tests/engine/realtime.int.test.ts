import { Inngest } from "inngest";
import { channel, getSubscriptionToken, subscribe } from "inngest/realtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { z } from "zod";
import { startApp, startTestEngine, until, type TestApp, type TestEngine } from "./helpers";

// Node 20 has no WebSocket global without a flag; the SDK's subscribe needs one, as a browser gives it.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** A probe for `until`: true once `count` messages are in. */
const arrived = (messages: unknown[], count: number) => () =>
  Promise.resolve(messages.length >= count ? true : undefined);

const progress = channel({
  name: (jobId: string) => `job:${jobId}`,
  topics: { status: { schema: z.object({ state: z.string() }) }, log: { schema: z.string() } },
});

type Received = { topic: string | undefined; data: unknown; runId?: string | undefined; channel?: string | undefined };

/** Subscribes through the SDK's own `subscribe`, collecting what arrives until closed. */
async function listen(
  client: Inngest.Any,
  channelName: string,
  topics: string[],
  apiBaseUrl?: string,
): Promise<{ received: Received[]; close: () => void }> {
  const token = await getSubscriptionToken(client, { channel: channelName, topics });
  const received: Received[] = [];
  const stream = await subscribe({ ...token, ...(apiBaseUrl ? { apiBaseUrl } : {}) }, (message) => {
    received.push({ topic: message.topic, data: message.data, runId: message.runId, channel: message.channel });
  });
  return { received, close: () => stream.close() };
}

describe("realtime in dev mode", () => {
  let engine: TestEngine;
  let second: TestEngine;
  let app: TestApp;
  let client: Inngest.Any;

  beforeAll(async () => {
    engine = await startTestEngine();
    // A second engine process on the same database: what one receives, subscribers of the other see.
    second = await startTestEngine({ databaseUrl: engine.databaseUrl });
    client = new Inngest({ id: "realtime-app", isDev: true, baseUrl: engine.url });
    const report = client.createFunction(
      { id: "report", triggers: [{ event: "job/run" }] },
      async ({ event, step }) => {
        const jobId = event.data.jobId as string;
        await step.realtime.publish("started", progress(jobId).status, { state: "started" });
        await step.run("work", async () => {
          await client.realtime.publish(progress(jobId).log, "working");
        });
        await step.realtime.publish("done", progress(jobId).status, { state: "done" });
        return "ok";
      },
    );
    app = await startApp(client, [report]);
    await engine.syncApp(app.url);
  });

  afterAll(async () => {
    await app.close();
    await second.close();
    await engine.close();
  });

  it("delivers what a run publishes, from steps and from app code, in order, with its run id", async () => {
    const sub = await listen(client, "job:a", ["status", "log"]);
    const { ids } = await client.send({ name: "job/run", data: { jobId: "a" } });
    await until("three messages", arrived(sub.received, 3), 15_000);
    sub.close();
    expect(sub.received.map((m) => [m.topic, m.data])).toEqual([
      ["status", { state: "started" }],
      ["log", "working"],
      ["status", { state: "done" }],
    ]);
    expect(sub.received[0]?.channel).toBe("job:a");
    expect(sub.received[0]?.runId).toMatch(/^[0-9A-Z]{26}$/);
    expect(ids).toHaveLength(1);
  });

  it("gives a subscriber only its token's channel and topics", async () => {
    const statusOnly = await listen(client, "job:b", ["status"]);
    const otherJob = await listen(client, "job:c", ["status", "log"]);
    await client.send({ name: "job/run", data: { jobId: "b" } });
    await until("both statuses", arrived(statusOnly.received, 2), 15_000);
    // The log message was published between the two statuses: had it been let through, it would be here by now.
    statusOnly.close();
    otherJob.close();
    expect(statusOnly.received.map((m) => m.topic)).toEqual(["status", "status"]);
    expect(otherJob.received).toEqual([]);
  });

  it("fans out across engine processes through Postgres", async () => {
    const sub = await listen(client, "job:d", ["status"], second.url);
    await client.realtime.publish(progress("d").status, { state: "from the first engine" });
    await until("the message", arrived(sub.received, 1), 5_000);
    sub.close();
    expect(sub.received[0]?.data).toEqual({ state: "from the first engine" });
  });

  it("refuses a message too large for a notification, saying what to do", async () => {
    const res = await fetch(`${engine.url}/v1/realtime/publish?channel=job:e&topic=status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "x".repeat(10_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/publish an id/);
  });

  it("refuses a token request without topics", async () => {
    const res = await fetch(`${engine.url}/v1/realtime/token`, { method: "POST", body: "[]" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/at least one topic/);
  });
});

describe("realtime in cloud mode", () => {
  const signingKey = `signkey-test-${"7c".repeat(32)}`;
  let engine: TestEngine;
  let client: Inngest.Any;

  beforeAll(async () => {
    engine = await startTestEngine({ signingKey, eventKeys: ["rt-event-key"] });
    client = new Inngest({ id: "rt-cloud", isDev: false, baseUrl: engine.url, signingKey, eventKey: "rt-event-key" });
  });

  afterAll(async () => {
    await engine.close();
  });

  it("mints tokens and takes publishes only from a caller with the signing key", async () => {
    const token = await fetch(`${engine.url}/v1/realtime/token`, {
      method: "POST",
      body: JSON.stringify([{ channel: "job:x", name: "status", kind: "run" }]),
    });
    expect(token.status).toBe(401);
    const publish = await fetch(`${engine.url}/v1/realtime/publish?channel=job:x&topic=status`, {
      method: "POST",
      body: "{}",
    });
    expect(publish.status).toBe(401);
    const sub = await listen(client, "job:x", ["status"]);
    await client.realtime.publish(progress("x").status, { state: "signed" });
    await until("the signed message", arrived(sub.received, 1), 5_000);
    sub.close();
    expect(sub.received[0]?.data).toEqual({ state: "signed" });
  });

  it("refuses a connection with a forged or altered token", async () => {
    const { key } = await getSubscriptionToken(client, { channel: "job:y", topics: ["status"] });
    const [header, body] = (key ?? "").split(".");
    const widened = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body ?? "", "base64url").toString()), channel: "job:z" }),
    ).toString("base64url");
    const altered = `${header}.${widened}.${(key ?? "").split(".")[2]}`;
    for (const bad of [altered, "not-a-token"]) {
      const outcome = await subscribe({ channel: "job:z", topics: ["status"], key: bad, apiBaseUrl: engine.url }).then(
        (stream) => {
          stream.close();
          return "opened";
        },
        () => "refused",
      );
      expect(outcome).toBe("refused");
    }
  });
});
