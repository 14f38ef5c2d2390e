import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasEngineTables, listRunAttempts, listRuns, listRunSteps, readRun } from "@/engine/read";
import { createIsolatedDatabase } from "../setup/database";
import { finishedRuns, withEngineApp } from "./helpers";

const harness = withEngineApp("read-app", (client) => [
  client.createFunction({ id: "look", triggers: [{ event: "read/look" }] }, async ({ event, step }) => {
    const found = await step.run("find", () => event.data.found as number);
    await step.run("report", () => found);
    return { idle: found === 0, found };
  }),
]);

// A host's connection, as Keel's is: the engine's schema is not on its search_path.
let host: postgres.Sql;
beforeAll(() => {
  host = postgres(harness().engine.databaseUrl, { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  await host.end({ timeout: 5 });
});

async function ran(data: Record<string, unknown>): Promise<string> {
  const { engine, send } = harness();
  const [run] = await finishedRuns(engine.url, await send("read/look", data));
  return run?.run_id ?? "";
}

describe("the engine's read interface, on a host's own connection", () => {
  it("says whether the engine's tables are in a database", async () => {
    expect(await hasEngineTables(host)).toBe(true);
    const bare = await createIsolatedDatabase("bare");
    const elsewhere = postgres(bare.url, { max: 1, onnotice: () => {} });
    try {
      expect(await hasEngineTables(elsewhere)).toBe(false);
    } finally {
      await elsewhere.end({ timeout: 5 });
      await bare.drop();
    }
  });

  it("reads a run with its event, its steps in order and every call made for it", async () => {
    const id = await ran({ found: 2 });
    const run = await readRun(host, id);
    expect(run).toMatchObject({
      id,
      functionId: "read-app-look",
      status: "Completed",
      event: { name: "read/look", data: { found: 2 } },
    });
    expect(run?.startedAt).toBeInstanceOf(Date);
    expect(run?.durationMs).toBeGreaterThanOrEqual(0);
    expect((await listRunSteps(host, id)).map((s) => s.name)).toEqual(["find", "report"]);
    const attempts = await listRunAttempts(host, id);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.every((a) => a.startedAt instanceof Date)).toBe(true);
    expect(await readRun(host, "no-such-run")).toBeUndefined();
  });

  it("hides completed runs whose output holds the host's mark, and pages newest first", async () => {
    const idle = await ran({ found: 0 });
    const busy = await ran({ found: 1 });
    const all = (await listRuns(host, { limit: 500 })).runs.map((r) => r.id);
    expect(all).toEqual(expect.arrayContaining([idle, busy]));
    const shown = (await listRuns(host, { limit: 500, hideCompletedWithOutput: { idle: true } })).runs.map((r) => r.id);
    expect(shown).toContain(busy);
    expect(shown).not.toContain(idle);
    expect((await listRuns(host, { status: "Failed", limit: 500 })).runs).toEqual([]);

    const paged: string[] = [];
    let after: string | undefined;
    do {
      const page = await listRuns(host, { limit: 1, after });
      paged.push(...page.runs.map((r) => r.id));
      after = page.next ?? undefined;
    } while (after);
    expect(paged).toEqual(all);
    expect((await listRuns(host, { limit: 1, after: "not a cursor" })).runs.map((r) => r.id)).toEqual(all.slice(0, 1));
  });
});
