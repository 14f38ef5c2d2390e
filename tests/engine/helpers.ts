import { Inngest, type InngestFunction } from "inngest";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { testCheckpointing } from "@/engine/config";
import { startEngine, type RunningEngine, type StartEngineOptions } from "@/engine/index";
import { createIsolatedDatabase } from "../setup/database";
import { serveRoute, startApp, type RouteHandlers, type TestApp } from "./app-server";

export { serveRoute, startApp, type RouteHandlers, type TestApp };

/** The signing key of each cloud-mode test engine, by URL: its REST API answers only an operator who sends it. */
const operatorKeys = new Map<string, string>();

/** The Authorization header an operator sends to this engine's REST API (none for a dev-mode engine). */
export function operatorHeaders(url: string): Record<string, string> {
  const key = operatorKeys.get(new URL(url).origin);
  return key ? { authorization: `Bearer ${key}` } : {};
}

export type TestEngine = RunningEngine & { databaseUrl: string; sql: postgres.Sql; close: () => Promise<void> };

/** An engine on its own fresh database and a free port, with test timing. */
export async function startTestEngine(options: Partial<StartEngineOptions> = {}): Promise<TestEngine> {
  const db = options.databaseUrl ? undefined : await createIsolatedDatabase("engine");
  const databaseUrl = options.databaseUrl ?? db?.url ?? "";
  const engine = await startEngine({
    port: 0,
    testTiming: true,
    logLevel: process.env.ENGINE_TEST_LOG || "silent",
    checkpointing: testCheckpointing(),
    ...options,
    databaseUrl,
  });
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {}, connection: { search_path: "inngest_engine" } });
  if (options.signingKey) operatorKeys.set(engine.url, options.signingKey);
  return {
    ...engine,
    databaseUrl,
    sql,
    close: async () => {
      operatorKeys.delete(engine.url);
      await engine.stop();
      await sql.end({ timeout: 5 });
      await db?.drop();
    },
  };
}

/** An app's client in dev mode, pointed at a test engine. */
function devClient(appId: string, engineUrl: string) {
  return new Inngest({ id: appId, isDev: true, baseUrl: engineUrl });
}
export type TestClient = ReturnType<typeof devClient>;

export type EngineApp = {
  engine: TestEngine;
  app: TestApp;
  client: TestClient;
  /** Sends one event through the app's client; returns its id. */
  send: (name: string, data?: Record<string, unknown>) => Promise<string>;
};

/**
 * For one test file: an engine on its own database, and an app of the functions `define` makes on its client, served
 * and synced. Returns a getter, since both exist only once beforeAll has run.
 */
export function withEngineApp(
  appId: string,
  // Typed loosely on purpose: InngestFunction.Any here would make every handler's arguments `any`.
  define: (client: TestClient) => unknown[],
  /** A function when they are known only once earlier hooks have run (a database another hook creates). */
  options: Partial<StartEngineOptions> | (() => Partial<StartEngineOptions>) = {},
): () => EngineApp {
  let current: EngineApp | undefined;
  beforeAll(async () => {
    const engine = await startTestEngine(typeof options === "function" ? options() : options);
    const client = devClient(appId, engine.url);
    const app = await startApp(client, define(client) as InngestFunction.Any[]);
    current = { engine, app, client, send: (name, data = {}) => sendEvent(client, name, data) };
    await engine.syncApp(app.url);
  });
  afterAll(async () => {
    await current?.app.close();
    await current?.engine.close();
  });
  return () => {
    if (!current) throw new Error("withEngineApp: ready only inside tests");
    return current;
  };
}

export type RestRun = {
  run_id: string;
  status: string;
  output: unknown;
  function_id: string;
  event_id: string;
  ended_at: string | null;
};

/** Sends one event through the SDK, as an app does; returns its id. */
export async function sendEvent(
  client: Inngest.Any,
  name: string,
  data: Record<string, unknown> = {},
): Promise<string> {
  const { ids } = await client.send({ name, data });
  return ids[0] as string;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * One line on where the engine left its recent runs (status, pending jobs, last attempt), for a wait that timed
 * out: CI keeps a single line of each failure.
 */
export async function engineState(sql: postgres.Sql): Promise<string> {
  const runs = await sql<
    { function_id: string; status: string; age: number; jobs: string | null; last: string | null }[]
  >`
    select r.function_id, r.status, extract(epoch from now() - r.started_at)::int as age,
      (select string_agg(j.kind || coalesce(':' || j.step_id, '') || ' due ' || extract(epoch from j.run_at - now())::int
        || 's' || coalesce(' leased ' || extract(epoch from j.lease_until - now())::int || 's', ''), ', ')
        from jobs j where j.run_id = r.id) as jobs,
      (select a.step_id || ' ' || a.outcome || ' ' || a.duration_ms || 'ms' || coalesce(' ' || left(a.error->>'message', 80), '')
        from attempts a where a.run_id = r.id order by a.id desc limit 1) as last
    from runs r where r.started_at > now() - interval '3 minutes' order by r.started_at`;
  const described = runs.map(
    (r) =>
      `${r.function_id} ${r.status} ${String(r.age)}s ago [jobs: ${r.jobs ?? "none"}; last attempt: ${r.last ?? "none"}]`,
  );
  return described.length ? described.join("; ") : "no run started in the last 3 minutes";
}

/** `until`, and on a timeout the engine's state in the error. */
export async function untilRun<T>(
  engine: { sql: postgres.Sql },
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs?: number,
): Promise<T> {
  return until(what, probe, timeoutMs).catch(async (error: unknown) => {
    throw new Error(`${(error as Error).message}; engine: ${await engineState(engine.sql)}`);
  });
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: operatorHeaders(url) });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Runs an event started, once all of them have finished (any final status), through the REST API. */
export async function finishedRuns(
  engineUrl: string,
  eventId: string,
  count = 1,
  timeoutMs?: number,
): Promise<RestRun[]> {
  return until(
    `${count} finished run(s) of event ${eventId}`,
    async () => {
      const { data } = await getJson<{ data: RestRun[] }>(`${engineUrl}/v1/events/${eventId}/runs`);
      return data.length >= count && data.every((r) => r.status !== "Running") ? data : undefined;
    },
    timeoutMs,
  );
}

export async function finishedRun(engineUrl: string, eventId: string, functionId?: string): Promise<RestRun> {
  const runs = await finishedRuns(engineUrl, eventId);
  const run = functionId ? runs.find((r) => r.function_id === functionId) : runs[0];
  if (!run) throw new Error(`no run of ${functionId} for event ${eventId}`);
  return run;
}

/** Until the run waits on a step of this kind (waitForEvent, sleep…), so a test can send what resumes it. */
export async function runWaiting(engine: TestEngine, eventId: string, status = "waiting"): Promise<string> {
  return until(`a run of ${eventId} ${status}`, async () => {
    const rows = await engine.sql<{ run_id: string }[]>`
      select s.run_id from run_steps s join runs r on r.id = s.run_id
      where r.event_id = ${eventId} and s.status = ${status} and s.position is null`;
    return rows[0]?.run_id;
  });
}
