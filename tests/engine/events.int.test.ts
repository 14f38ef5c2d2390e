import { Inngest } from "inngest";
import { syncApp } from "@/engine/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  finishedRun,
  finishedRuns,
  getJson,
  startApp,
  startTestEngine,
  until,
  type RestRun,
  type TestApp,
  type TestEngine,
} from "./helpers";

let engine: TestEngine;
let apps: TestApp[] = [];
let shop: Inngest.Any;

beforeAll(async () => {
  engine = await startTestEngine();
  shop = new Inngest({ id: "shop", isDev: true, baseUrl: engine.url });
  const billing = new Inngest({ id: "billing", isDev: true, baseUrl: engine.url });
  const onOrder = shop.createFunction(
    { id: "on-order", triggers: [{ event: "shop/order.placed" }] },
    ({ event }) => `shop saw ${event.data.id as string}`,
  );
  const anyShop = shop.createFunction(
    { id: "any-shop", triggers: [{ event: "shop/*" }] },
    ({ event }) => `wildcard saw ${String(event.name)}`,
  );
  const bigOrders = shop.createFunction(
    { id: "big-orders", triggers: [{ event: "shop/order.placed", if: "event.data.total >= 100" }] },
    ({ event }) => `big ${event.data.total as number}`,
  );
  const invoice = billing.createFunction(
    { id: "invoice", triggers: [{ event: "shop/order.placed" }] },
    ({ event }) => `billing saw ${event.data.id as string}`,
  );
  const ticker = billing.createFunction({ id: "ticker", triggers: [{ cron: "* * * * *" }] }, ({ event }) => ({
    name: event.name,
  }));
  apps = [await startApp(shop, [onOrder, anyShop, bigOrders]), await startApp(billing, [invoice, ticker])];
  for (const app of apps) await engine.syncApp(app.url);
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await engine.close();
});

describe("events and triggers", () => {
  it("answers the event API with ids and status 200, and fans out to every matching function of every app", async () => {
    const res = await fetch(`${engine.url}/e/any-key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ name: "shop/order.placed", data: { id: "o1", total: 20 } }]),
    });
    const body = (await res.json()) as { ids: string[]; status: number };
    expect(body.status).toBe(200);
    expect(body.ids).toHaveLength(1);
    const runs = await finishedRuns(engine.url, body.ids[0] as string, 3);
    expect(runs.map((r) => r.output).sort()).toEqual([
      "billing saw o1",
      "shop saw o1",
      "wildcard saw shop/order.placed",
    ]);
  });

  it("starts a function only when its trigger's if expression holds", async () => {
    const { ids } = await shop.send({ name: "shop/order.placed", data: { id: "o2", total: 150 } });
    const runs = await finishedRuns(engine.url, ids[0] as string, 4);
    expect(runs.map((r) => r.function_id).sort()).toEqual([
      "billing-invoice",
      "shop-any-shop",
      "shop-big-orders",
      "shop-on-order",
    ]);
  });

  it("ignores an event whose id was already seen within 24 h", async () => {
    const first = await shop.send({ name: "shop/order.placed", id: "dedupe-1", data: { id: "o3", total: 1 } });
    await finishedRuns(engine.url, first.ids[0] as string, 3);
    const second = await shop.send({ name: "shop/order.placed", id: "dedupe-1", data: { id: "o3-again", total: 1 } });
    const runs = await engine.sql`select 1 from runs where event_id = ${second.ids[0] as string}`;
    expect(runs).toHaveLength(0);
    const all = await engine.sql`select 1 from runs where event->>'id' = 'dedupe-1'`;
    expect(all).toHaveLength(3);
  });

  it("stores a retried send (same x-inngest-event-id-seed) once", async () => {
    const post = () =>
      fetch(`${engine.url}/e/k`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-event-id-seed": `${Date.now()},c2VlZHNlZWRzZQ==` },
        body: JSON.stringify({ name: "test/seeded", data: {} }),
      }).then((r) => r.json() as Promise<{ ids: string[] }>);
    const seedHeader = `${Date.now()},c2VlZHNlZWRzZQ==`;
    const send = () =>
      fetch(`${engine.url}/e/k`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-event-id-seed": seedHeader },
        body: JSON.stringify({ name: "test/seeded", data: {} }),
      }).then((r) => r.json() as Promise<{ ids: string[] }>);
    const [a, b] = [await send(), await send()];
    expect(a.ids).toEqual(b.ids);
    const stored = await engine.sql`select 1 from events where internal_id = ${a.ids[0] as string}`;
    expect(stored).toHaveLength(1);
    expect((await post()).ids[0]).not.toEqual(a.ids[0]);
  });

  it("runs cron functions on their schedule with an inngest/scheduled.timer event", async () => {
    const run = await until("a completed cron run", async () => {
      const rows = await engine.sql<{ id: string; output: unknown }[]>`
        select id, output from runs where function_id = 'billing-ticker' and status = 'Completed' limit 1`;
      return rows[0];
    });
    expect(run.output).toEqual({ name: "inngest/scheduled.timer" });
  });

  it("answers GET /v1/runs/:id and /v1/events/:id/runs in Inngest's shapes", async () => {
    const { ids } = await shop.send({ name: "shop/order.placed", data: { id: "o4", total: 5 } });
    const run = await finishedRun(engine.url, ids[0] as string, "shop-on-order");
    const { data } = await getJson<{ data: RestRun & { run_started_at: string } }>(
      `${engine.url}/v1/runs/${run.run_id}`,
    );
    expect(data).toMatchObject({ run_id: run.run_id, status: "Completed", output: "shop saw o4", event_id: ids[0] });
    expect(Date.parse(data.run_started_at)).not.toBeNaN();
    expect(Date.parse(data.ended_at ?? "")).not.toBeNaN();
    expect((await fetch(`${engine.url}/v1/runs/nope`)).status).toBe(404);
  });

  it("syncs out of band when the app is PUT directly (it registers through POST /fn/register)", async () => {
    const client = new Inngest({ id: "late-app", isDev: true, baseUrl: engine.url });
    const fn = client.createFunction({ id: "late", triggers: [{ event: "late/go" }] }, () => "late ok");
    const app = await startApp(client, [fn]);
    try {
      await syncApp(app.url);
      const { ids } = await client.send({ name: "late/go", data: {} });
      expect(await finishedRun(engine.url, ids[0] as string)).toMatchObject({ status: "Completed", output: "late ok" });
    } finally {
      await app.close();
    }
  });

  it("rejects at sync a function using config the engine does not implement, naming it", async () => {
    const client = new Inngest({ id: "batchy", isDev: true, baseUrl: engine.url });
    const fn = client.createFunction(
      { id: "batched", batchEvents: { maxSize: 10, timeout: "5s" }, triggers: [{ event: "x/y" }] },
      () => null,
    );
    const app = await startApp(client, [fn]);
    try {
      await expect(engine.syncApp(app.url)).rejects.toThrow(/batchEvents/);
      expect(await engine.sql`select 1 from functions where app_id = 'batchy'`).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
