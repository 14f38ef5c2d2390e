import { afterAll, beforeAll } from "vitest";
import type { InngestFunction } from "inngest";
import { startApp, startTestEngine, type TestApp, type TestEngine } from "../engine/helpers";
import { withKeelDatabase } from "../setup/keel-database";

export type PipelineHarness = { engine: TestEngine; app: TestApp };

/**
 * Keel's real functions served by the real inngest/next handler, driven by the embedded engine on the test file's
 * own database: the whole pipeline as it runs in production, minus Next's router.
 */
export function withPipeline(engineOptions: { timeScale?: number } = {}): () => PipelineHarness {
  const database = withKeelDatabase();
  let harness: PipelineHarness | undefined;
  beforeAll(async () => {
    const engine = await startTestEngine({ databaseUrl: database().url, ...engineOptions });
    // The Inngest client reads its mode and base URL from the environment when first used.
    process.env.INNGEST_DEV = engine.url;
    process.env.INNGEST_BASE_URL = engine.url;
    const { inngest } = await import("@/services/events/client");
    const { functions } = (await import("@/inngest/functions")) as { functions: InngestFunction.Any[] };
    const app = await startApp(inngest, functions);
    const sync = await fetch(app.url, { method: "PUT" });
    if (!sync.ok) throw new Error(`sync failed: ${String(sync.status)} ${await sync.text()}`);
    harness = { engine, app };
  }, 60_000);
  afterAll(async () => {
    await harness?.app.close();
    await harness?.engine.close();
  });
  return () => {
    if (!harness) throw new Error("withPipeline: ready only inside tests");
    return harness;
  };
}
