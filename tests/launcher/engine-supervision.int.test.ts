import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { InngestFunction } from "inngest";
import postgres from "postgres";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDocumentById } from "@/db/queries/documents";
import { listEffectAttempts, listPurchaseOrdersForDocument } from "@/db/queries/ledger";
import { seedDemoVendors } from "@/db/seed";
import { parseEnv } from "@/lib/env";
import { EnginePortInUseError, startEngineProcess, type InngestKeys } from "@/scripts/launcher/engine";
import { supervise, type Started, type Supervisor } from "@/scripts/launcher/supervise";
import { findFreePort } from "@/lib/net";
import { startApp, until, type TestApp } from "../engine/helpers";
import { withKeelDatabase } from "../setup/keel-database";

const database = withKeelDatabase();
const lines: string[] = [];
const restarted: Started[] = [];
const gaveUp: string[] = [];
let supervisor: Supervisor<Started & { url: string }>;
let app: TestApp | undefined;

async function syncApp(serveUrl: string) {
  const response = await fetch(serveUrl, { method: "PUT" });
  if (!response.ok) throw new Error(`sync failed: ${String(response.status)} ${await response.text()}`);
}

/** The engine as `npm run dev` runs it: its own process, started and supervised by the launcher's modules. */
beforeAll(async () => {
  const port = await findFreePort();
  const keys: InngestKeys = {
    signingKey: `signkey-test-${randomBytes(32).toString("hex")}`,
    eventKey: randomBytes(24).toString("hex"),
  };
  // Short leases: the killed engine's in-flight job returns to the queue in a second and a half, not fifteen.
  process.env.ENGINE_TEST_TIMING = "1";
  const e = parseEnv({ ENGINE_PORT: String(port), ENGINE_LOG_LEVEL: process.env.ENGINE_TEST_LOG || "silent" });
  supervisor = supervise({
    name: "Keel's Inngest engine",
    start: (signal) => startEngineProcess(e, database().url, keys, signal),
    onRestarted: async (started) => {
      if (app) await syncApp(app.url);
      restarted.push(started);
    },
    onGiveUp: (reason) => gaveUp.push(reason),
    isHopeless: (error) => error instanceof EnginePortInUseError,
    log: (line) => lines.push(line),
  });
  const engine = await supervisor.ready;

  // The Inngest client reads its mode, base URL and keys from the environment when first used.
  delete process.env.INNGEST_DEV;
  process.env.INNGEST_BASE_URL = engine.url;
  process.env.INNGEST_SIGNING_KEY = keys.signingKey;
  process.env.INNGEST_EVENT_KEY = keys.eventKey;
  const { inngest } = await import("@/services/events/client");
  const { functions } = (await import("@/inngest/functions")) as { functions: InngestFunction.Any[] };
  app = await startApp(inngest, functions);
  await syncApp(app.url);
});

afterAll(async () => {
  await app?.close();
  await supervisor.stop();
});

it("restarts the engine after a SIGKILL, and a document uploaded before it still posts", async () => {
  await seedDemoVendors();
  // A purchase order from a known vendor that posts without a person.
  const bytes = fs.readFileSync("ai/deterministic/fixtures/po-de-schneider.txt");

  // Holding back writes of document text keeps the run in flight, inside its extract-text step, while the engine dies.
  const sql = postgres(database().url, { max: 2, onnotice: () => {} });
  const lock = await sql.reserve();
  try {
    await lock`begin`;
    await lock`lock table document_texts in exclusive mode`;
    const { receiveDocument } = await import("@/services/documents/receive");
    const { document } = await receiveDocument({
      bytes,
      filename: "po.txt",
      source: "upload",
      actor: { id: null, label: "test" },
    });
    await until("the extract-text step to wait on the lock", async () => {
      const waiting = await sql`select 1 from pg_locks where relation = 'document_texts'::regclass and not granted`;
      return waiting.length > 0;
    });
    expect((await getDocumentById(document.id))?.status).toBe("extracting");

    const killed = supervisor.current();
    killed?.child.kill("SIGKILL");
    const back = await until("the restarted engine, with the app synced to it", () => Promise.resolve(restarted[0]));
    expect(back.child.pid).not.toBe(killed?.child.pid);
    expect(supervisor.current()).toBe(back);
    expect(lines).toEqual(["Keel's Inngest engine was killed (SIGKILL); restarting it in 0.5 s (restart 1)."]);
    expect((await getDocumentById(document.id))?.status).toBe("extracting");

    await lock`commit`;
    const posted = await until("the document to post", async () => {
      const current = await getDocumentById(document.id);
      return current?.status === "posted" ? current : undefined;
    });
    expect(posted.documentClass).toBe("purchase_order");
    expect(await listPurchaseOrdersForDocument(document.id)).toHaveLength(1);
    expect((await listEffectAttempts(document.id)).map((a) => a.outcome)).toEqual(["applied"]);
    expect(gaveUp).toEqual([]);
  } finally {
    lock.release();
    await sql.end({ timeout: 5 });
  }
});
