import { describe, expect, it } from "vitest";
import { recordRefund } from "@/db/queries/tickets";
import { assessTicketRisk, defaultTicketRiskSettings, type TicketRiskInput } from "@/domain/tickets/risk";
import { readRefundContext } from "@/services/tickets/refund-context";
import { findThread } from "@/services/tickets/thread";
import { withKeelDatabase } from "../setup/keel-database";
import { makeCustomer, makeOrder, makeTicket, suffix } from "./factories";

withKeelDatabase();

const now = () => new Date();

/** The findings on a refund request for `ticket`, with the money context read from the database. */
async function assess(
  ticket: Parameters<typeof readRefundContext>[0],
  proposedRefund: TicketRiskInput["proposedRefund"],
) {
  const context = await readRefundContext(ticket, defaultTicketRiskSettings, now());
  const assessment = assessTicketRisk({
    intent: "refund_request",
    confidence: 0.95,
    language: "en",
    templateLanguages: ["en"],
    text: "Please refund me.",
    truncated: false,
    proposedRefund,
    ...context,
    now: now(),
  });
  return { context, rules: assessment.findings.map((f) => f.rule), reasons: assessment.reasons };
}

describe("the refund rules on what the database holds", () => {
  it("find an unknown order reference, and nothing to refund against", async () => {
    const customer = await makeCustomer();
    const ticket = await makeTicket(customer, { orderReference: "NOPE-1" });
    const { context, reasons } = await assess(ticket, null);
    expect(context.orderRow).toBeNull();
    expect(reasons).toEqual(["No order NOPE-1 is on file; check the reference with the customer before acting on it."]);
  });

  it("treat another customer's order reference as unknown", async () => {
    const owner = await makeCustomer();
    const order = await makeOrder(owner);
    const ticket = await makeTicket(await makeCustomer("Mallory"), { orderReference: order.reference });
    const { context, rules } = await assess(ticket, { minor: 100, currency: "EUR" });
    expect(context.orderRow).toBeNull();
    expect(rules).toContain("unknown-order");
  });

  it("find a refund in another currency than the order was paid in", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer, { currency: "EUR", totalMinor: 4990 });
    const ticket = await makeTicket(customer, { orderReference: order.reference });
    const { context, rules } = await assess(ticket, { minor: 1000, currency: "USD" });
    expect(context.orderRow?.id).toBe(order.id);
    expect(rules).toEqual(["refund-proposed", "refund-currency-mismatch"]);
  });

  it("weigh a second ticket's refund against what the first already returned, and the customer's history", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer, { totalMinor: 5000 });
    const first = await makeTicket(customer, { orderId: order.id });
    await recordRefund({ ticketId: first.id, orderId: order.id, amountMinor: 4000, currency: "EUR" });
    const second = await makeTicket(customer, { orderId: order.id });
    const { context, rules } = await assess(second, { minor: 2000, currency: "EUR" });
    expect(context.order).toEqual({
      reference: order.reference,
      totalMinor: 5000,
      currency: "EUR",
      refundedMinor: 4000,
    });
    expect(rules).toEqual(["refund-proposed", "refund-above-order-total", "repeat-refund"]);
    // The first ticket's own refund is not held against it.
    expect((await assess(first, { minor: 4000, currency: "EUR" })).rules).toEqual(["refund-proposed"]);
  });
});

describe("findThread", () => {
  it("puts a reply on its ticket and a stranger's forged reply on a new one", async () => {
    const customer = await makeCustomer();
    const first = `${suffix()}@shop.test`;
    const ticket = await makeTicket(customer, { message: { messageId: first } });
    const reply = { messageId: `${suffix()}@shop.test`, inReplyTo: [first], references: [first] };
    expect(await findThread(reply, customer.id)).toEqual({ kind: "reply", ticketId: ticket.id, parentId: first });
    expect(await findThread(reply, (await makeCustomer("Mallory")).id)).toEqual({
      kind: "new",
      reason: "other_customer",
    });
  });
});
