import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { cloneWaitingRun } from "@/bench/engine/seed";
import { scaleFunctions, seedKey, startTemplates } from "@/bench/engine/scale";
import type { Tx } from "@/engine/db";
import { candidatePauses } from "@/engine/ingest";
import { anyWaiter } from "@/engine/signals";
import { untilRun, withEngineApp } from "./helpers";

const resumedAt = new Map<string, number>();
const current = withEngineApp("scale-seed", (client) => scaleFunctions(client, resumedAt));

/** A connection whose every query is EXPLAINed instead of run: `plans` collects the plans of the engine's own statements. */
function explaining(sql: postgres.Sql): { tx: Tx; plans: string[] } {
  const plans: string[] = [];
  const tag = async (strings: TemplateStringsArray, ...values: unknown[]) => {
    const prefixed = Object.assign([`explain ${strings[0] ?? ""}`, ...strings.slice(1)], {
      raw: [`explain ${strings.raw[0] ?? ""}`, ...strings.raw.slice(1)],
    });
    const rows = await sql<Record<string, string>[]>(
      prefixed as unknown as TemplateStringsArray,
      ...(values as never[]),
    );
    plans.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
    return rows;
  };
  return { tx: tag as unknown as Tx, plans };
}

const SEEDED = 1_500;

async function runState(sql: postgres.Sql, runId: string) {
  const [row] = await sql<{ status: string; output: unknown }[]>`select status, output from runs where id = ${runId}`;
  return row?.status === "Running" ? undefined : row;
}

describe("waiting runs seeded by copying one the engine wrote", () => {
  it("resume through the real engine by a real event and a real signal, found through an index", async () => {
    const { engine, client } = current();
    const templates = await startTemplates(client, engine.sql);
    const numbers = Array.from({ length: SEEDED }, (_, i) => i + 1);
    const eventRuns = await cloneWaitingRun(
      engine.sql,
      templates.eventRun,
      numbers.map((n) => seedKey("e", n)),
    );
    const signalRuns = await cloneWaitingRun(
      engine.sql,
      templates.signalRun,
      numbers.map((n) => seedKey("s", n)),
    );
    expect(eventRuns).toHaveLength(SEEDED);
    await engine.sql`analyze pauses`;

    const event = { name: "bench/scale-resume", data: { k: seedKey("e", 700) }, id: "plan", ts: Date.now() };
    const explained = explaining(engine.sql);
    await candidatePauses(explained.tx, event);
    await anyWaiter(explained.tx, `bench/scale/${seedKey("s", 700)}`);
    const [eventPlan, signalPlan] = explained.plans;
    expect(eventPlan).toContain("pauses_match_idx");
    expect(eventPlan).not.toMatch(/Seq Scan on pauses/);
    expect(signalPlan).toContain("pauses_signal_key");
    expect(signalPlan).not.toMatch(/Seq Scan on pauses/);

    await client.send({ name: "bench/scale-resume", data: { k: seedKey("e", 700) } });
    const resumed = await untilRun(engine, "the seeded event waiter to finish", () =>
      runState(engine.sql, eventRuns[699] as string),
    );
    expect(resumed).toEqual({ status: "Completed", output: seedKey("e", 700) });

    await client.sendSignal({ signal: `bench/scale/${seedKey("s", 1_200)}`, data: {} });
    const signalled = await untilRun(engine, "the seeded signal waiter to finish", () =>
      runState(engine.sql, signalRuns[1_199] as string),
    );
    expect(signalled).toEqual({ status: "Completed", output: seedKey("s", 1_200) });

    // One event and one signal resumed one run each: every other copy and both templates still wait.
    const [waiting] = await engine.sql<{ runs: number; pauses: number }[]>`
      select (select count(*)::int from runs where status = 'Running') as runs, (select count(*)::int from pauses) as pauses`;
    expect(waiting).toEqual({ runs: 2 * SEEDED, pauses: 2 * SEEDED });
  });
});
