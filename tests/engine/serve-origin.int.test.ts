import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnv } from "@/lib/env";
import { emptyBodySignature } from "@/scripts/launcher/engine";
import { findFreePort } from "@/lib/net";
import { withKeelDatabase } from "../setup/keel-database";
import { serveRoute, startTestEngine, type RouteHandlers, type TestApp, type TestEngine } from "./helpers";

const signingKey = `signkey-test-${"9b".repeat(32)}`;
const eventKey = "serve-origin-event-key";
const database = withKeelDatabase();

let engine: TestEngine;
let app: TestApp;
const variables = ["INNGEST_DEV", "INNGEST_BASE_URL", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "KEEL_SERVE_URL"];
const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));

/** Keel's own app/api/inngest/route.ts, configured as the launcher configures it, served with Host passed through. */
beforeAll(async () => {
  engine = await startTestEngine({ databaseUrl: database().url, signingKey, eventKeys: [eventKey] });
  const port = await findFreePort();
  delete process.env.INNGEST_DEV;
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.INNGEST_SIGNING_KEY = signingKey;
  process.env.INNGEST_EVENT_KEY = eventKey;
  process.env.KEEL_SERVE_URL = `http://127.0.0.1:${String(port)}/api/inngest`;
  resetEnv();
  const route = (await import("@/app/api/inngest/route")) as unknown as RouteHandlers;
  app = await serveRoute(route, port);
  await engine.syncApp(app.url);
}, 60_000);

afterAll(async () => {
  await app.close();
  await engine.close();
  // Later files in this worker read the environment afresh.
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
  resetEnv();
});

/** A PUT as curl sends it, with whatever Host header the sender likes. */
function put(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "PUT", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

async function registeredUrls(): Promise<string[]> {
  const [row] = await engine.sql<{ url: string }[]>`select url from apps where id = 'keel'`;
  const fns = await engine.sql<{ url: string }[]>`select distinct url from functions where app_id = 'keel'`;
  return [row?.url ?? "(no app)", ...fns.map((f) => new URL(f.url).origin)];
}

describe("Keel's serve endpoint registers only where it is", () => {
  it("is registered at its configured URL", async () => {
    expect(new Set(await registeredUrls())).toEqual(new Set([app.url, new URL(app.url).origin]));
  });

  it("answers an unsigned PUT with a forged Host 401, and the engine keeps calling the real app", async () => {
    const res = await put(app.url, { host: "attacker.invalid" });
    expect(res.status).toBe(401);
    expect(new Set(await registeredUrls())).toEqual(new Set([app.url, new URL(app.url).origin]));
  });

  it("registers its configured URL, not the Host header's, even on a PUT the launcher signs", async () => {
    const signature = emptyBodySignature(signingKey);
    const res = await put(app.url, { host: "attacker.invalid", "x-inngest-signature": signature });
    expect(res.status).toBe(200);
    expect(await registeredUrls()).not.toContain("http://attacker.invalid");
    expect(new Set(await registeredUrls())).toEqual(new Set([app.url, new URL(app.url).origin]));
  });
});
