import type { InngestFunction } from "inngest";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { getRefundForTicket } from "@/db/queries/tickets";
import { findFreePort } from "@/lib/net";
import { startApp, until } from "../engine/helpers";
import { startTsProcess, type Child } from "../engine/processes";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { finished, openedTask, outcome, sendRefundRequest } from "./workflow-helpers";

const database = withKeelDatabase();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * The engine runs as its own process, as the launcher runs it, so SIGKILL takes it down mid-run the way a crash
 * would; Keel's functions are served in this process.
 */
async function engineAndApp() {
  const port = await findFreePort();
  const engineUrl = `http://127.0.0.1:${String(port)}`;
  process.env.INNGEST_DEV = engineUrl;
  process.env.INNGEST_BASE_URL = engineUrl;
  const { inngest } = await import("@/services/events/client");
  const { functions } = (await import("@/inngest/functions")) as { functions: InngestFunction.Any[] };
  const app = await startApp(inngest, functions);
  cleanups.push(app.close);
  const env = {
    ENGINE_DATABASE_URL: database().url,
    ENGINE_PORT: String(port),
    ENGINE_TEST_TIMING: "1",
    ENGINE_LOG_LEVEL: "error",
    ENGINE_APP_URLS: app.url,
    INNGEST_SIGNING_KEY: "",
  };
  const start = () => startTsProcess("scripts/engine.ts", env, /Inngest engine listening/);
  const engine = { child: await start(), sql: postgres(database().url, { max: 2, onnotice: () => {} }) };
  cleanups.push(() => engine.sql.end({ timeout: 5 }));
  cleanups.push(() => engine.child.kill());
  await until("the app synced", async () => {
    const rows = await engine.sql`select 1 from inngest_engine.functions where id like '%process-ticket'`.catch(
      () => [],
    );
    return rows.length > 0;
  });
  return { engine, start };
}

describe("the engine killed during the refund step", () => {
  it("leaves exactly one refund, every attempt logged, and one reply", async () => {
    const { engine, start } = await engineAndApp();
    const runs = { sql: engine.sql };
    const { ticketId } = await sendRefundRequest("The chair broke on day one. I want a full refund.", {
      totalMinor: 12_000,
    });
    const task = await openedTask(runs, ticketId, 60_000);

    // Hold refunds' inserts so the refund step is caught mid-transaction when the engine dies.
    const holder = await engine.sql.reserve();
    await holder`begin`;
    await holder`lock table refunds in share mode`;
    const { decide } = await import("@/services/tasks/decide");
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 1_000_000, approvalCurrency: "EUR" });
    expect(await decide(approver, task.id, { action: "approve" })).toMatchObject({ ok: true });
    await until("the refund step to be in flight", async () => {
      const [row] = await engine.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and query ilike '%insert into "refunds"%'`;
      return (row?.n ?? 0) > 0;
    });

    await engine.child.kill();
    await holder`commit`;
    holder.release();
    // The step the dead engine called finishes here and writes the refund; the engine never hears of it.
    await until("the in-flight refund to commit", () => getRefundForTicket(ticketId));

    const restarted: Child = await start();
    cleanups.push(() => restarted.kill());
    const done = await finished(runs, ticketId, 60_000);
    expect(done.status).toBe("resolved");

    const after = await outcome(ticketId);
    expect(after.refund).toMatchObject({ amountMinor: 12_000, currency: "EUR" });
    const attempts = after.refund?.attempts.map((a) => a.outcome) ?? [];
    expect(attempts[0]).toBe("applied");
    expect(attempts.slice(1)).toEqual(attempts.slice(1).map(() => "already_applied"));
    // The step either runs again for the restarted engine ("already_applied"), or, when the app checkpoints, its
    // result reaches the restarted engine through the SDK's retried checkpoint and the step is not run again.
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    const [count] = await engine.sql<
      { n: number }[]
    >`select count(*)::int as n from refunds where ticket_id = ${ticketId}`;
    expect(count?.n).toBe(1);
    expect(after.replies).toHaveLength(1);
    expect(after.outgoing).toHaveLength(1);
  }, 150_000);
});
