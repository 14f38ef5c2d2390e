import { describe, expect, it } from "vitest";
import { getTicketById, storeModelDraft, transitionTicket, updateTicket } from "@/db/queries/tickets";
import type { User } from "@/db/schema";
import { ticketAuditActions } from "@/domain/tickets/timeline";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";
import { markTicketFailedStep } from "@/services/tickets/workflow/fail";
import { refundTicketStep } from "@/services/tickets/workflow/refund";
import { makeCustomer, makeOrder, makeTicket } from "./factories";
import { finished, openedTask, outcome, sendFromNewCustomer, sendRefundRequest } from "./workflow-helpers";

// No ANTHROPIC_API_KEY here: every draft comes from the templates, so every ticket goes to a person.
const pipeline = withPipeline();

const refundTicket = sendRefundRequest;

// Imported when a test decides, so the cases that only open a task run on their own.
async function decide(...args: Parameters<typeof import("@/services/tasks/decide").decide>) {
  const { decide: decideTask } = await import("@/services/tasks/decide");
  return decideTask(...args);
}

const approver = (limitMinor = 1_000_000): Promise<User> =>
  makeUser({ role: "approver", approvalLimitMinor: limitMinor, approvalCurrency: "EUR" });

describe("a refund request", () => {
  it("opens a task with the refund the customer asked for, and refunds once and replies once on approval", async () => {
    const { engine } = pipeline();
    const { ticketId, order, customer } = await refundTicket("The kettle arrived broken. I want a full refund please.");
    const task = await openedTask(engine, ticketId);
    expect(task).toMatchObject({
      assignedRole: "approver",
      amountMinor: order.totalMinor,
      currency: "EUR",
      proposed: { kind: "ticket", refundMinor: order.totalMinor, currency: "EUR" },
    });
    const waiting = await getTicketById(ticketId);
    expect(waiting).toMatchObject({ intent: "refund_request", language: "en", refundProposedMinor: order.totalMinor });
    expect(waiting?.findings?.map((f) => f.rule)).toEqual(
      expect.arrayContaining(["refund-proposed", "low-confidence"]),
    );

    const decided = await decide(await approver(), task.id, { action: "approve" });
    expect(decided).toMatchObject({ ok: true });
    const done = await finished(engine, ticketId);
    expect(done.status).toBe("resolved");

    const after = await outcome(ticketId);
    expect(after.refund).toMatchObject({ amountMinor: order.totalMinor, currency: "EUR", orderId: order.id });
    expect(after.refund?.attempts.map((a) => a.outcome)).toEqual(["applied"]);
    expect(after.replies).toHaveLength(1);
    expect(after.replies[0]).toMatchObject({ to: customer.email, subject: `Re: Refund for order ${order.reference}` });
    expect(after.replies[0]?.body).toContain("€49.90");
    expect(after.outgoing).toHaveLength(1);
    expect(after.actions).toEqual(
      expect.arrayContaining([
        ticketAuditActions.classified,
        ticketAuditActions.lookedUp,
        ticketAuditActions.drafted,
        ticketAuditActions.assessed,
        ticketAuditActions.refunded,
        ticketAuditActions.replyQueued,
        ticketAuditActions.resolved,
      ]),
    );
    expect(after.actions.filter((a) => a === ticketAuditActions.refunded)).toHaveLength(1);
  });

  it("refunds and sends what the person decided when they edit the reply and the amount", async () => {
    const { engine } = pipeline();
    const { ticketId } = await refundTicket("Please refund €20.00, one of the two cups was chipped.");
    const task = await openedTask(engine, ticketId);
    expect(task.proposed).toMatchObject({ refundMinor: 2000 });
    const reply = "Hello Jane,\n\nWe refunded €15.00 for the chipped cup.\n\nCustomer support";
    expect(
      await decide(await approver(), task.id, { action: "edit_and_approve", reply, refundMinor: 1500 }),
    ).toMatchObject({ ok: true });
    expect((await finished(engine, ticketId)).status).toBe("resolved");
    const after = await outcome(ticketId);
    expect(after.refund).toMatchObject({ amountMinor: 1500, currency: "EUR" });
    expect(after.replies.map((r) => r.body)).toEqual([reply]);
  });

  it.each([
    ["reject", "rejected"],
    ["escalate", "escalated"],
  ] as const)("ends with nothing refunded or sent when a person chooses %s", async (action, status) => {
    const { engine } = pipeline();
    const { ticketId } = await refundTicket("I want a full refund.");
    const task = await openedTask(engine, ticketId);
    expect(await decide(await approver(), task.id, { action, reason: "Not a case for a refund" })).toMatchObject({
      ok: true,
    });
    expect((await finished(engine, ticketId)).status).toBe(status);
    // The run has ended: give a stray refund or reply step the time it would need, then look again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await outcome(ticketId);
    expect(after.refund).toBeNull();
    expect(after.replies).toEqual([]);
    expect(after.outgoing).toEqual([]);
  });
});

describe("bad input gets clear findings and a task, and nothing is refunded without a person", () => {
  async function findingsOf(ticketId: string) {
    const { engine } = pipeline();
    await openedTask(engine, ticketId);
    const ticket = await getTicketById(ticketId);
    expect((await outcome(ticketId)).refund).toBeNull();
    return ticket?.findings ?? [];
  }

  it("an order that is not on file", async () => {
    const ticketId = await sendFromNewCustomer("Refund", "I want a full refund for my order.", "NO-SUCH-ORDER-1");
    const findings = await findingsOf(ticketId);
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: "unknown-order",
        message: expect.stringContaining("NO-SUCH-ORDER-1") as unknown,
      }),
    );
    expect((await getTicketById(ticketId))?.refundProposedMinor).toBeNull();
  });

  it("a refund in another currency than the order's: approval as proposed is refused, the person's EUR refund is paid", async () => {
    const { engine } = pipeline();
    const { ticketId } = await refundTicket("Please refund 20 USD for the late delivery.");
    const findings = await findingsOf(ticketId);
    expect(findings.map((f) => f.rule)).toContain("refund-currency-mismatch");
    const task = await openedTask(engine, ticketId);
    const person = await approver();
    expect(await decide(person, task.id, { action: "approve" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("paid in EUR") as unknown,
    });
    expect((await getTicketById(ticketId))?.status).toBe("awaiting_decision");
    expect((await outcome(ticketId)).refund).toBeNull();

    const reply = "Hello Jane,\n\nWe refunded €18.00 for the late delivery.\n\nCustomer support";
    expect(await decide(person, task.id, { action: "edit_and_approve", reply, refundMinor: 1800 })).toMatchObject({
      ok: true,
    });
    expect((await finished(engine, ticketId)).status).toBe("resolved");
    expect((await outcome(ticketId)).refund).toMatchObject({ amountMinor: 1800, currency: "EUR" });
  });

  it("a refund step that meets an order it cannot pay refuses for good with a finding, and pays nothing", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer, { totalMinor: 1_000 });
    const ticket = await makeTicket(customer, { orderId: order.id, orderReference: order.reference });
    for (const event of ["classify", "draft", "auto_send"] as const) await transitionTicket(ticket.id, event);
    await updateTicket(ticket.id, { refundProposedMinor: 1_500, refundCurrency: "EUR" });
    await expect(refundTicketStep(ticket.id)).rejects.toThrow(/more than the €10.00 left on order/);
    await updateTicket(ticket.id, { refundProposedMinor: 500, refundCurrency: "USD" });
    await expect(refundTicketStep(ticket.id)).rejects.toThrow(/was paid in EUR, so nothing was refunded/);
    expect((await getTicketById(ticket.id))?.findings?.map((f) => f.rule)).toEqual([
      "refund-above-order-total",
      "refund-currency-mismatch",
    ]);
    expect((await outcome(ticket.id)).refund).toBeNull();
  });

  it("a 5 MB email body, read only from its beginning", async () => {
    const ticketId = await sendFromNewCustomer(
      "Where is my order?",
      `Where is my order? ${"a".repeat(5 * 1024 * 1024)}`,
    );
    expect((await findingsOf(ticketId)).map((f) => f.rule)).toContain("truncated-message");
  });

  it("an email with no text", async () => {
    const ticketId = await sendFromNewCustomer("", "");
    expect((await findingsOf(ticketId)).map((f) => f.rule)).toContain("empty-message");
  });

  it("a language Keel has no templates for, answered in English and flagged", async () => {
    const ticketId = await sendFromNewCustomer(
      "Où est ma commande ?",
      "Bonjour, je n'ai pas reçu mon colis. Merci de votre aide avec la livraison, je suis pas content.",
    );
    const findings = await findingsOf(ticketId);
    expect(findings).toContainEqual(expect.objectContaining({ rule: "unsupported-language" }));
    const ticket = await getTicketById(ticketId);
    expect(ticket?.language).toBe("fr");
    expect(ticket?.draftReply).toMatch(/^Hello/);
  });
});

describe("a run that fails", () => {
  it("fails its ticket with the reason on the decision record and the timeline, once", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket(customer);
    const error = { name: "NonRetriableError", message: "Ticket has no decided refund to pay." };
    await markTicketFailedStep(ticket.id, error, "run-1", new Date());
    await markTicketFailedStep(ticket.id, error, "run-1", new Date());
    expect(await getTicketById(ticket.id)).toMatchObject({
      status: "failed",
      decisionSummary: "Failed: Ticket has no decided refund to pay.",
      terminalAt: expect.any(Date) as unknown,
    });
    const after = await outcome(ticket.id);
    expect(after.actions.filter((a) => a === ticketAuditActions.failed)).toHaveLength(1);
  });

  it("names an unexpected error only by a reference people can quote", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket(customer);
    await markTicketFailedStep(ticket.id, { name: "Error", message: "connection reset by peer" }, "run-2", new Date());
    const failed = await getTicketById(ticket.id);
    expect(failed?.status).toBe("failed");
    expect(failed?.decisionSummary).not.toContain("connection reset");
  });
});

describe("a model lane that answers after the run went on", () => {
  it("stores nothing over the draft the run went on with", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket(customer);
    await transitionTicket(ticket.id, "classify");
    expect(await storeModelDraft(ticket.id, { draftReply: "First lane's draft" })).toBe(true);
    expect(await storeModelDraft(ticket.id, { draftReply: "Late lane's draft" })).toBe(false);
    await transitionTicket(ticket.id, "draft");
    await updateTicket(ticket.id, { draftReply: null });
    expect(await storeModelDraft(ticket.id, { draftReply: "Too late" })).toBe(false);
    expect((await getTicketById(ticket.id))?.draftReply).toBeNull();
  });
});
