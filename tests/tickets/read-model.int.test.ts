import type { InngestFunction } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pruneExpired } from "@/engine/retention";
import { startApp, startTestEngine, until, type TestApp, type TestEngine } from "../engine/helpers";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { finished, openedTask, sendRefundRequest } from "./workflow-helpers";

const database = withKeelDatabase();
let engine: TestEngine | undefined;
let app: TestApp | undefined;

beforeAll(async () => {
  engine = await startTestEngine({ databaseUrl: database().url });
  process.env.INNGEST_DEV = engine.url;
  process.env.INNGEST_BASE_URL = engine.url;
  const { inngest } = await import("@/services/events/client");
  const { functions } = (await import("@/inngest/functions")) as { functions: InngestFunction.Any[] };
  app = await startApp(inngest, functions);
  await engine.syncApp(app.url);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await engine?.close();
});

describe("the tickets' read model", () => {
  it("answers the API and the list with the engine stopped and its history pruned", async () => {
    if (!engine || !app) throw new Error("the engine did not start");
    const { order, ticketId } = await sendRefundRequest("The lamp arrived broken, I want a full refund.", {
      totalMinor: 2_500,
    });
    const task = await openedTask(engine, ticketId);
    const { decide } = await import("@/services/tasks/decide");
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 1_000_000, approvalCurrency: "EUR" });
    expect(await decide(approver, task.id, { action: "approve" })).toMatchObject({ ok: true });
    expect((await finished(engine, ticketId)).status).toBe("resolved");

    const sql = engine.sql;
    const ticketRuns = () =>
      sql<{ status: string }[]>`select status from runs where event->'data'->>'ticketId' = ${ticketId}`;
    await until("the ticket's run to complete", async () =>
      (await ticketRuns()).every((r) => r.status === "Completed") ? true : undefined,
    );
    // Every finished run and its steps go (a cutoff a day ahead, whatever the test clock stamped), then the engine
    // itself, then its tables.
    const pruned = await pruneExpired(sql, { retentionMs: -86_400_000 });
    expect(pruned.runs).toBeGreaterThan(0);
    expect(await ticketRuns()).toEqual([]);
    await app.close();
    app = undefined;
    const url = engine.databaseUrl;
    await engine.close();
    engine = undefined;
    const postgres = (await import("postgres")).default;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin`drop schema inngest_engine cascade`;
    await admin.end();

    const { readTicketForApiKey } = await import("@/services/tickets/api-read");
    const answer = await readTicketForApiKey(
      { id: "00000000-0000-4000-8000-000000000000", scope: "read_all" },
      ticketId,
    );
    expect(answer).toMatchObject({
      status: "resolved",
      intent: "refund_request",
      language: "en",
      order: { reference: order.reference, totalMinor: 2_500 },
      proposedRefund: { amountMinor: 2_500, currency: "EUR" },
      decision: { summary: expect.stringContaining(approver.email) as unknown },
      refund: { amountMinor: 2_500, currency: "EUR", attempts: 1 },
    });
    expect(answer?.confidence).toBeGreaterThan(0);
    expect(answer?.draft).toContain("€25.00");
    expect(answer?.messages.map((m) => m.direction)).toEqual(["in", "out"]);

    const { readTicketList } = await import("@/services/tickets/read");
    const list = await readTicketList({ status: "resolved" });
    expect(list.items.find((t) => t.id === ticketId)).toMatchObject({ status: "resolved", intent: "refund_request" });
  }, 90_000);
});
