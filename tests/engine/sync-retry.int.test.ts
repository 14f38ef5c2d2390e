import { Inngest } from "inngest";
import { serve } from "inngest/next";
import { afterAll, expect, it } from "vitest";
import { findFreePort } from "@/lib/net";
import { serveRoute, startTestEngine, until, type RouteHandlers, type TestApp, type TestEngine } from "./helpers";

let engine: TestEngine | undefined;
let app: TestApp | undefined;

afterAll(async () => {
  await app?.close();
  await engine?.close();
});

it("keeps syncing a listed app through its proxy's 502s while it boots, and syncs it once it answers", async () => {
  const enginePort = await findFreePort();
  const client = new Inngest({ id: "booting", isDev: true, baseUrl: `http://127.0.0.1:${String(enginePort)}` });
  const fn = client.createFunction({ id: "fn", triggers: [{ event: "booting/go" }] }, () => "ok");
  const handlers = serve({ client, functions: [fn] }) as unknown as RouteHandlers;
  let refused = 0;
  const put = handlers.PUT;
  if (!put) throw new Error("serve() answers PUT");
  // A proxy in front of an app that is not up yet answers 502 for a while.
  app = await serveRoute({
    ...handlers,
    PUT: async (request) => {
      if (refused < 3) {
        refused++;
        return new Response("Bad Gateway", { status: 502 });
      }
      return put(request);
    },
  });
  engine = await startTestEngine({ port: enginePort, appUrls: [app.url] });
  const started = engine;
  const functions = await until(
    "the app's functions synced",
    async () => {
      const rows = await started.sql<{ id: string }[]>`select id from functions where app_id = 'booting'`;
      return rows.length > 0 ? rows : undefined;
    },
    20_000,
  );
  expect(refused).toBe(3);
  expect(functions.map((f) => f.id)).toEqual(["booting-fn"]);
});
