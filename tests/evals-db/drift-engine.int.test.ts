import type { InngestFunction } from "inngest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/db/index";
import { evalRuns } from "@/db/schema";
import { startApp, startTestEngine, until, type TestApp, type TestEngine } from "../engine/helpers";
import { withKeelDatabase } from "../setup/keel-database";
import { promotedCorrection } from "./helpers";

const database = withKeelDatabase();

let engine: TestEngine | undefined;
let app: TestApp | undefined;

beforeAll(async () => {
  // A daily cron comes round in seconds at this scale; only drift-check is served, so nothing else runs that often.
  engine = await startTestEngine({ databaseUrl: database().url, timeScale: 0.0001 });
  // The Inngest client reads its mode and base URL from the environment when it is created.
  process.env.INNGEST_DEV = engine.url;
  process.env.INNGEST_BASE_URL = engine.url;
  const { inngest } = await import("@/services/events/client");
  // Imported only now: deciding sends events through the client.
  const { decide } = await import("@/services/tasks/decide");
  const { promoteToEvalCase } = await import("@/services/evals/promote");
  const { driftCheck } = (await import("@/inngest/functions/drift-check")) as { driftCheck: InngestFunction.Any };
  app = await startApp(inngest, [driftCheck]);
  const sync = await fetch(app.url, { method: "PUT" });
  if (!sync.ok) throw new Error(`sync failed: ${String(sync.status)} ${await sync.text()}`);

  await promotedCorrection({ decide, promoteToEvalCase });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await engine?.close();
});

it("the daily drift-check, run by the engine, records the chain's scores on the eval cases and the corrected sample", async () => {
  // A tick may have come before the case was promoted; the next one scores it.
  const run = await until(
    "a drift run over the promoted case",
    async () => (await db().select().from(evalRuns)).find((r) => r.trigger === "drift" && r.cases === 1),
    50_000,
  );
  expect(run).toMatchObject({ chain: "deterministic", promptVersion: null, cases: 1, documentsSampled: 1 });
  expect(run.fieldScores.totalMinor).toEqual({ correct: 1, total: 1 });
  expect(run.sampleFieldScores.documentNumber).toEqual({ correct: 1, total: 1 });
}, 60_000);
