import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { modelCalls } from "@/db/schema";
import { listAuditForSubject } from "@/db/queries/audit";
import { getTicketById } from "@/db/queries/tickets";
import { ticketAuditActions } from "@/domain/tickets/timeline";
import type { Scripted } from "../fakes/anthropic-server";
import { until } from "../engine/helpers";
import { openedTask, sendFromNewCustomer } from "../tickets/workflow-helpers";
import { FALLBACK, PRIMARY, withModelLanes } from "./harness";

/**
 * Tickets through the same lanes as documents: one call at a time per lane, durations scaled ×0.05 (a 30 s start
 * budget is 1.5 s, an 80 s finish budget 4 s). The model reads every message at 0.85: enough on the primary lane
 * (0.75 is needed), too little once the fallback lane's answer is trusted less.
 */
const lanes = withModelLanes({
  timeScale: 0.05,
  env: {
    KEEL_MODEL_CONCURRENCY: "1",
    KEEL_FALLBACK_MODEL_CONCURRENCY: "1",
    KEEL_MODEL_START_TIMEOUT: "30s",
    KEEL_MODEL_FINISH_TIMEOUT: "80s",
    KEEL_MODEL_TIMEOUT_MS: "20000",
  },
});

/** A draft naming the model that wrote it, so a test can tell whose words the ticket kept. */
const draftBy = (body: Record<string, unknown>): Scripted => ({
  kind: "tool",
  input: {
    intent: "order_status",
    priority: "normal",
    language: "en",
    confidence: 0.85,
    refundMinor: null,
    reply: `Hello,\n\nYour parcel is on its way.\n\n(${String(body.model)})`,
  },
});

const primaryAnswers = async () =>
  (
    await db()
      .select({ id: modelCalls.id })
      .from(modelCalls)
      .where(and(eq(modelCalls.provider, `anthropic:${PRIMARY}`), eq(modelCalls.outcome, "ok")))
  ).length;

const draftedBy = async (ticketId: string) =>
  (await listAuditForSubject("ticket", ticketId)).find((a) => a.action === ticketAuditActions.drafted)?.after;

describe("tickets on the model lanes", () => {
  it("a saturated primary lane: the fallback drafts at lower confidence and a person decides", async () => {
    const { engine, fake, model } = lanes();
    fake.respond = draftBy;
    model.hold(PRIMARY);
    const holder = await sendFromNewCustomer("Where is my parcel?", "Hello, when does my parcel arrive?");
    await until("the holder's call to reach the model", () =>
      Promise.resolve(model.requests.some((r) => r.model === PRIMARY)),
    );
    const queued = await sendFromNewCustomer("Parcel status", "Has my parcel left your warehouse yet?");
    await openedTask(engine, queued);
    const ticket = await getTicketById(queued);
    expect(ticket?.classConfidence).toBeCloseTo(0.85 * 0.85, 2);
    expect(ticket?.draftReply).toContain(`(${FALLBACK})`);
    expect(ticket?.findings?.map((f) => f.rule)).toContain("low-confidence");
    expect(await draftedBy(queued)).toMatchObject({ lane: "fallback" });
    const gaveWay = (await listAuditForSubject("ticket", queued)).find(
      (a) => a.action === ticketAuditActions.modelFallback,
    );
    expect(JSON.stringify(gaveWay?.after)).toContain("start timeout");
    model.release(PRIMARY);
    await until("the holder to be drafted", async () => (await getTicketById(holder))?.draftReply ?? undefined);
  });

  it("a call cut by its finish timeout: the fallback's draft stands, and the late answer does not replace it", async () => {
    const { engine, fake, model } = lanes();
    fake.respond = draftBy;
    model.hold(PRIMARY);
    const hung = await sendFromNewCustomer("Delivery date", "When will my order be delivered?");
    const task = await openedTask(engine, hung);
    const drafted = (await getTicketById(hung))?.draftReply;
    expect(drafted).toContain(`(${FALLBACK})`);
    expect(task.proposed).toMatchObject({ kind: "ticket", reply: drafted });

    const answeredBefore = await primaryAnswers();
    model.release(PRIMARY);
    await until("the late answer to leave the model", () =>
      Promise.resolve(
        model.requests.some((r) => r.model === PRIMARY && r.raw.includes("Delivery date") && r.endedAt !== null),
      ),
    );
    // The late answer is handled in the cancelled run's call, which still runs in the app: wait for it to land.
    await until("the late answer to be recorded", async () => (await primaryAnswers()) > answeredBefore || undefined);
    // The late answer was paid for and recorded as a call, but it is not the ticket's draft.
    expect(await primaryAnswers()).toBe(answeredBefore + 1);
    expect((await getTicketById(hung))?.draftReply).toBe(drafted);
  });

  it("both lanes down: the template drafts and a person decides", async () => {
    const { engine, fake } = lanes();
    fake.respond = () => ({
      kind: "status",
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "model unavailable" } },
    });
    const down = await sendFromNewCustomer("Where is my order?", "Hello, where is my order? It has not arrived.");
    await openedTask(engine, down);
    expect(await draftedBy(down)).toMatchObject({ lane: "deterministic" });
    expect((await getTicketById(down))?.draftReply).toBeTruthy();
    expect(
      (await listAuditForSubject("ticket", down)).filter((a) => a.action === ticketAuditActions.modelFallback),
    ).toHaveLength(2);
  });
});
