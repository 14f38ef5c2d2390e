import { randomBytes, randomUUID } from "node:crypto";
import { NonRetriableError } from "inngest";
import { describe, expect, it } from "vitest";
import { createDocument } from "@/db/queries/documents";
import { getRunById, listRuns, type RunFilter } from "@/services/runs/runs";
import { finishedRuns, untilRun, withEngineApp } from "../engine/helpers";
import { withKeelDatabase } from "../setup/keel-database";

// The engine keeps its tables in Keel's own database, as the launcher runs it, so Keel reads them on its own connection.
const database = withKeelDatabase();
const harness = withEngineApp(
  "runs-app",
  (client) => [
    client.createFunction({ id: "look", triggers: [{ event: "runs/look" }] }, async ({ event, step }) => {
      const found = await step.run("find", () => event.data.found as number);
      return { idle: found === 0, found };
    }),
    client.createFunction(
      {
        id: "process",
        triggers: [{ event: "runs/document.received" }],
        onFailure: async ({ step }) => {
          await step.run("mark-failed", () => "marked");
        },
      },
      async ({ event, step }) => {
        await step.run("work", () => {
          if (event.data.fail === true) throw new NonRetriableError("unreadable");
          return "done";
        });
      },
    ),
  ],
  () => ({ databaseUrl: database().url }),
);

async function ran(name: string, data: Record<string, unknown>, count = 1): Promise<string[]> {
  const { engine, send } = harness();
  return (await finishedRuns(engine.url, await send(name, data), count)).map((r) => r.run_id);
}

async function listedIds(filter: RunFilter = {}): Promise<string[]> {
  return (await listRuns({ limit: 500, ...filter })).runs.map((r) => r.id);
}

async function makeDocument(filename: string) {
  const bytes = Buffer.from(`runs ${randomBytes(8).toString("hex")}`);
  const { document } = await createDocument(
    { bytes, filename, kind: "text", mediaType: "text/plain", source: "upload" },
    { id: null, label: "test" },
  );
  return document;
}

describe("the Runs view's service", () => {
  it("hide runs that finished idle unless asked, and keep those that did work or failed", async () => {
    const [idle] = await ran("runs/look", { found: 0 });
    const [busy] = await ran("runs/look", { found: 3 });
    const [failed] = await ran("runs/document.received", { documentId: randomUUID(), fail: true });
    // A function that returns nothing is not idle: its run has no output at all.
    const [returnedNothing] = await ran("runs/document.received", { documentId: randomUUID() });

    const shown = await listedIds();
    expect(shown).toEqual(expect.arrayContaining([busy, failed, returnedNothing]));
    expect(shown).not.toContain(idle);
    expect(await listedIds({ showIdle: true })).toEqual(expect.arrayContaining([idle, busy, failed]));
    expect(await listedIds({ status: "Completed" })).not.toContain(idle);
    expect(await listedIds({ status: "Completed", showIdle: true })).toContain(idle);
  });

  it("pages through the visible runs newest first, each once, skipping idle ones", async () => {
    for (let i = 0; i < 5; i++) {
      await ran("runs/look", { found: 0 });
      await ran("runs/look", { found: i + 1 });
    }
    const all = (await listRuns({ limit: 500 })).runs;
    const paged: string[] = [];
    let after: string | undefined;
    do {
      const page = await listRuns({ limit: 2, after });
      paged.push(...page.runs.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(paged).toEqual(all.map((r) => r.id));
    const withIdle = (await listRuns({ limit: 500, showIdle: true })).runs;
    expect(withIdle.length - all.length).toBeGreaterThanOrEqual(5);
    const starts = all.map((r) => r.startedAt.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });

  it(
    "names the document a run works on, for the pipeline's run and its failure handler",
    { timeout: 120_000 },
    async () => {
      const document = await makeDocument("invoice-77.pdf");
      const [processed] = await ran("runs/document.received", { documentId: document.id });
      expect(await getRunById(processed ?? "")).toMatchObject({
        document: { id: document.id, filename: "invoice-77.pdf" },
      });

      // The failure handler's run is started by the engine once the first has failed: wait until it is listed too.
      const failing = await makeDocument("broken.pdf");
      await ran("runs/document.received", { documentId: failing.id, fail: true });
      const listed = await untilRun(
        harness().engine,
        "the failure handler's run",
        async () => {
          const runs = (await listRuns({ limit: 500 })).runs.filter((r) => r.document?.id === failing.id);
          return runs.length >= 2 ? runs : undefined;
        },
        80_000,
      );
      expect(listed.map((r) => r.functionId).sort()).toEqual(["runs-app-process", "runs-app-process-failure"]);
      expect(listed.every((r) => r.document?.filename === "broken.pdf")).toBe(true);
    },
  );

  it("keeps a document id Keel does not know, unnamed, and ignores one that is not an id", async () => {
    const unknown = randomUUID();
    const [gone] = await ran("runs/document.received", { documentId: unknown });
    const [garbage] = await ran("runs/document.received", { documentId: "'; drop table documents; --" });
    expect((await getRunById(gone ?? ""))?.document).toEqual({ id: unknown, filename: null });
    expect((await getRunById(garbage ?? ""))?.document).toBeNull();
  });
});
