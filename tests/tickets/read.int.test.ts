import { describe, expect, it } from "vitest";
import { recordRefund, updateTicket } from "@/db/queries/tickets";
import { readTicket, readTicketList } from "@/services/tickets/read";
import { withKeelDatabase } from "../setup/keel-database";
import { makeCustomer, makeOrder, makeTicket } from "./factories";

withKeelDatabase();

describe("the tickets' read model", () => {
  it("answers a ticket with its customer, order, conversation and refund from Keel's tables alone", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer);
    const ticket = await makeTicket(customer, { orderId: order.id, orderReference: order.reference });
    await updateTicket(ticket.id, {
      intent: "refund_request",
      priority: "normal",
      language: "en",
      classConfidence: 0.9,
      draftReply: "We are sorry; here is your refund.",
      refundProposedMinor: 1500,
      refundCurrency: "EUR",
    });
    await recordRefund({ ticketId: ticket.id, orderId: order.id, amountMinor: 1500, currency: "EUR" });
    expect(await readTicket(ticket.id)).toMatchObject({
      ticket: { id: ticket.id, intent: "refund_request", classConfidence: 0.9, refundProposedMinor: 1500 },
      customer: { id: customer.id },
      order: { reference: order.reference, totalMinor: 4990 },
      messages: [{ direction: "in", from: customer.email }],
      refund: { amountMinor: 1500, attempts: [{ attempt: 1, outcome: "applied" }] },
    });
  });

  it("says not found for an unknown id and for one that is not an id", async () => {
    await expect(readTicket("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      code: "not_found:ticket",
      message: "This ticket does not exist.",
    });
    await expect(readTicket("'; drop table tickets; --")).rejects.toMatchObject({ code: "not_found:ticket" });
  });

  it("pages through a customer's tickets by link, and starts over on a link Keel did not make", async () => {
    const customer = await makeCustomer();
    for (let i = 0; i < 3; i++) await makeTicket(customer, { subject: `Question ${String(i)}` });
    const first = await readTicketList({ customer: customer.id, limit: "2" });
    expect(first.items.map((t) => t.subject)).toEqual(["Question 2", "Question 1"]);
    const second = await readTicketList({ customer: customer.id, limit: "2", after: first.next ?? "" });
    expect(second).toMatchObject({ items: [{ subject: "Question 0" }], next: null, problems: [] });
    const forged = await readTicketList({ customer: customer.id, after: "eyJrZXkiOiJ4In0" });
    expect(forged.problems).toEqual(["The page link was not one Keel made; showing the newest tickets instead."]);
    expect(forged.items).toHaveLength(3);
  });
});
