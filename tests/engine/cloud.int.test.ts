import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashedSigningKey, signBody } from "@/engine/signing";
import { finishedRun, startApp, startTestEngine, type TestApp, type TestEngine } from "./helpers";

const signingKey = `signkey-test-${"5e".repeat(32)}`;
const otherKey = `signkey-test-${"a1".repeat(32)}`;

let engine: TestEngine;
let app: TestApp;
let impostor: TestApp;
let client: Inngest.Any;
let forger: http.Server;
let forgerUrl: string;

beforeAll(async () => {
  engine = await startTestEngine({ signingKey, eventKeys: ["test-event-key"] });
  client = new Inngest({ id: "cloud-app", isDev: false, baseUrl: engine.url, signingKey, eventKey: "test-event-key" });
  const signed = client.createFunction({ id: "signed", triggers: [{ event: "cloud/go" }] }, async ({ event, step }) => {
    const doubled = await step.run("double", () => (event.data.n as number) * 2);
    await step.sleep("pause", "1s");
    return doubled;
  });
  app = await startApp(client, [signed]);
  await engine.syncApp(app.url);

  // Same function id, another app signing with the wrong key: its responses must not be trusted.
  const wrong = new Inngest({
    id: "impostor",
    isDev: false,
    baseUrl: engine.url,
    signingKey: otherKey,
    eventKey: "test-event-key",
  });
  const impostorFn = wrong.createFunction(
    { id: "fn", retries: 0, triggers: [{ event: "cloud/impostor" }] },
    () => "hijacked",
  );
  impostor = await startApp(wrong, [impostorFn]);

  // Answers every call "completed" but signs with another key, as a man in the middle would.
  forger = http.createServer((_req, res) => {
    const body = JSON.stringify("forged");
    res.writeHead(200, { "content-type": "application/json", "x-inngest-signature": signBody(body, otherKey) });
    res.end(body);
  });
  await new Promise<void>((resolve) => forger.listen(0, "127.0.0.1", resolve));
  forgerUrl = `http://127.0.0.1:${(forger.address() as AddressInfo).port}/api/inngest`;
});

afterAll(async () => {
  await app.close();
  await impostor.close();
  await new Promise((resolve) => forger.close(resolve));
  await engine.close();
});

describe("cloud mode", () => {
  it("runs a function with signed requests and verified signed responses", async () => {
    const { ids } = await client.send({ name: "cloud/go", data: { n: 21 } });
    const run = await finishedRun(engine.url, ids[0] as string);
    expect(run).toMatchObject({ status: "Completed", output: 42 });
  });

  it("refuses to sync an app whose key does not match", async () => {
    await expect(engine.syncApp(impostor.url)).rejects.toThrow(/401/);
  });

  it("rejects a register call without the right bearer token", async () => {
    const res = await fetch(`${engine.url}/fn/register`, {
      method: "POST",
      headers: { authorization: `Bearer ${hashedSigningKey(otherKey)}`, "content-type": "application/json" },
      body: JSON.stringify({ appName: "x", url: "http://127.0.0.1:1/api/inngest", functions: [] }),
    });
    expect(res.status).toBe(401);
  });

  it("fails a run whose app answers with a bad response signature", async () => {
    const res = await fetch(`${engine.url}/fn/register`, {
      method: "POST",
      headers: { authorization: `Bearer ${hashedSigningKey(signingKey)}`, "content-type": "application/json" },
      body: JSON.stringify({
        appName: "forger",
        url: forgerUrl,
        functions: [
          {
            id: "forger-fn",
            name: "fn",
            triggers: [{ event: "cloud/forged" }],
            steps: {
              step: {
                id: "step",
                name: "step",
                runtime: { type: "http", url: `${forgerUrl}?fnId=forger-fn&stepId=step` },
                retries: { attempts: 0 },
              },
            },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const { ids } = await client.send({ name: "cloud/forged", data: {} });
    const run = await finishedRun(engine.url, ids[0] as string);
    expect(run.status).toBe("Failed");
    expect(run.output).toMatchObject({ name: "SignatureError" });
  });
});
