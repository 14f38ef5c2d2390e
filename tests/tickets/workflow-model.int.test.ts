import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { listAuditForSubject } from "@/db/queries/audit";
import { getTicketById } from "@/db/queries/tickets";
import { modelCalls } from "@/db/schema";
import { ticketAuditActions } from "@/domain/tickets/timeline";
import type { Scripted } from "../fakes/anthropic-server";
import { FALLBACK, PRIMARY, withModelLanes } from "../models/harness";
import { finished, openedTask, outcome, sendFromNewCustomer, sendRefundRequest, ticketTask } from "./workflow-helpers";

const lanes = withModelLanes({ timeScale: 1, env: {} });

const draft = (input: Record<string, unknown>): Scripted => ({
  kind: "tool",
  input: { priority: "normal", language: "en", confidence: 0.95, refundMinor: null, ...input },
});

// A lane the provider turns away for good (400) answers not ok at once, and the next lane takes the call.
const refused: Scripted = {
  kind: "status",
  status: 400,
  body: { type: "error", error: { type: "invalid_request_error", message: "scripted" } },
};

describe("a ticket drafted by the model", () => {
  it("goes out on its own when it moves no money and nothing is flagged: one reply, resolved, no task", async () => {
    const { engine, fake } = lanes();
    const reply = "Hello,\n\nYour parcel left our warehouse yesterday and arrives on Friday.\n\nCustomer support";
    fake.script(draft({ intent: "order_status", priority: "low", reply }));
    const ticketId = await sendFromNewCustomer("Where is my order?", "Hello, when will my parcel arrive?");
    const done = await finished(engine, ticketId);
    expect(done).toMatchObject({ status: "resolved", intent: "order_status", classConfidence: 0.95, findings: [] });
    expect(await ticketTask(ticketId)).toBeUndefined();
    const after = await outcome(ticketId);
    expect(after.replies.map((r) => r.body)).toEqual([reply]);
    expect(after.outgoing).toHaveLength(1);
    expect(after.refund).toBeNull();
    expect(after.actions).toEqual(expect.arrayContaining([ticketAuditActions.autoSent, ticketAuditActions.resolved]));
    const drafted = (await listAuditForSubject("ticket", ticketId)).find(
      (a) => a.action === ticketAuditActions.drafted,
    );
    expect(drafted?.after).toMatchObject({ lane: "primary" });
    const asked = fake.requests.at(-1)?.body;
    expect(asked).toMatchObject({ model: PRIMARY, tools: [{ name: "record_ticket_draft" }] });
    expect(asked).not.toHaveProperty("tool_choice");
  });

  it("sends a refund it proposes to a person, in the order's currency, after one corrected answer", async () => {
    const { engine, fake } = lanes();
    fake.script(
      { kind: "tool", input: { intent: "refund_request", reply: "" } },
      draft({ intent: "refund_request", reply: "We will refund you in full.", refundMinor: 4990 }),
    );
    const { ticketId } = await sendRefundRequest("The kettle is broken, I want my money back.");
    const task = await openedTask(engine, ticketId);
    expect(task).toMatchObject({ amountMinor: 4990, currency: "EUR", assignedRole: "approver" });
    const ticket = await getTicketById(ticketId);
    expect(ticket).toMatchObject({ draftReply: "We will refund you in full.", refundProposedMinor: 4990 });
    expect(ticket?.findings?.map((f) => f.rule)).toContain("refund-proposed");
    const corrected = fake.requests.at(-1)?.body as { messages: unknown[] } | undefined;
    expect(corrected?.messages).toHaveLength(3);
    const calls = await db()
      .select({ outcome: modelCalls.outcome })
      .from(modelCalls)
      .where(and(eq(modelCalls.promptVersion, "ticket-draft-v2"), eq(modelCalls.outcome, "invalid_output")));
    expect(calls.length).toBeGreaterThanOrEqual(1);
  });

  it("takes the fallback lane's draft at its lower confidence when the primary lane fails, and a person decides", async () => {
    const { engine, fake } = lanes();
    fake.script(refused, draft({ intent: "order_status", reply: "It arrives on Friday.", confidence: 0.8 }));
    const ticketId = await sendFromNewCustomer("Where is my order?", "When will my parcel arrive?");
    await openedTask(engine, ticketId);
    const ticket = await getTicketById(ticketId);
    expect(ticket).toMatchObject({ draftReply: "It arrives on Friday.", classConfidence: 0.68 });
    expect(ticket?.findings?.map((f) => f.rule)).toEqual(["low-confidence"]);
    const audit = await listAuditForSubject("ticket", ticketId);
    expect(audit.find((a) => a.action === ticketAuditActions.drafted)?.after).toMatchObject({ lane: "fallback" });
    expect(audit.find((a) => a.action === ticketAuditActions.modelFallback)?.after).toMatchObject({ lane: "primary" });
    expect(fake.requests.at(-1)?.body).toMatchObject({ model: FALLBACK });
  });
});
