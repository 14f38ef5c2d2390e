import { describe, expect, it } from "vitest";
import {
  addTicketMessage,
  countTickets,
  createTicket,
  findTicketsByMessageIds,
  getRefundForTicket,
  getTicketWithMessages,
  listCustomerRefunds,
  listTickets,
  recordRefund,
  sumOrderRefunds,
  transitionTicket,
  updateTicket,
  type TicketCursor,
} from "@/db/queries/tickets";
import { ticketBody } from "@/domain/tickets/message";
import { threadLookupIds, threadTicket } from "@/domain/tickets/threading";
import { withKeelDatabase } from "../setup/keel-database";
import { makeCustomer, makeOrder, makeTicket, suffix } from "./factories";

const database = withKeelDatabase();

describe("createTicket", () => {
  it("stores a ticket with its first message, and the same idempotency key again finds it without a second", async () => {
    const customer = await makeCustomer();
    const key = `email:${suffix()}@shop.test`;
    const input = {
      customerId: customer.id,
      subject: "Refund please",
      source: "email" as const,
      idempotencyKey: key,
      message: {
        direction: "in" as const,
        messageId: `${suffix()}@shop.test`,
        from: customer.email,
        subject: "Refund please",
        bodyText: "The mug arrived broken.",
      },
    };
    const [first, second] = await Promise.all([createTicket(input), createTicket(input)]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.ticket.id).toBe(second.ticket.id);
    const detail = await getTicketWithMessages(first.ticket.id);
    expect(detail).toMatchObject({
      ticket: { status: "received", subject: "Refund please", terminalAt: null },
      customer: { email: customer.email },
      order: null,
      refund: null,
    });
    expect(detail?.messages.map((m) => m.bodyText)).toEqual(["The mug arrived broken."]);
  });

  it("stores a 5 MB body with NUL bytes as its readable, bounded beginning", async () => {
    const customer = await makeCustomer();
    const body = ticketBody(`Refund now\u0000${"x".repeat(5 * 1024 * 1024)}`);
    const ticket = await makeTicket(customer, { message: { bodyText: body.text, bodyTruncated: body.truncated } });
    const [message] = (await getTicketWithMessages(ticket.id))?.messages ?? [];
    expect(message?.bodyText).toHaveLength(100_000);
    expect(message?.bodyText.startsWith("Refund now x")).toBe(true);
    expect(message?.bodyTruncated).toBe(true);
  });

  it("refuses a body past the bound at the database, so an unbounded one never lands", async () => {
    const customer = await makeCustomer();
    await expect(makeTicket(customer, { message: { bodyText: "x".repeat(100_001) } })).rejects.toThrow();
  });
});

describe("threading", () => {
  it("finds the ticket of a reply's parent, and the same message again only once", async () => {
    const customer = await makeCustomer();
    const first = `${suffix()}@shop.test`;
    const ticket = await makeTicket(customer, { message: { messageId: first } });
    const reply = { messageId: `${suffix()}@shop.test`, inReplyTo: [first], references: [first] };

    const known = await findTicketsByMessageIds(threadLookupIds(reply));
    expect(known).toEqual([{ messageId: first, ticketId: ticket.id, customerId: customer.id }]);
    expect(threadTicket(reply, customer.id, known)).toMatchObject({ kind: "reply", ticketId: ticket.id });

    const message = {
      direction: "in" as const,
      messageId: reply.messageId,
      inReplyTo: first,
      references: [first],
      from: customer.email,
      subject: "Re: Where is my order?",
      bodyText: "Any news?",
    };
    expect((await addTicketMessage(ticket.id, message)).created).toBe(true);
    expect((await addTicketMessage(ticket.id, message)).created).toBe(false);
    const detail = await getTicketWithMessages(ticket.id);
    expect(detail?.messages.map((m) => m.bodyText)).toEqual(["Hello, my order has not arrived.", "Any news?"]);
    expect(detail?.messages[1]?.references).toEqual([first]);
  });

  it("starts a new ticket when the parent is another customer's", async () => {
    const owner = await makeCustomer();
    const stranger = await makeCustomer("Mallory");
    const first = `${suffix()}@shop.test`;
    await makeTicket(owner, { message: { messageId: first } });
    const forged = { messageId: `${suffix()}@x.test`, inReplyTo: [first], references: [] };
    expect(threadTicket(forged, stranger.id, await findTicketsByMessageIds(threadLookupIds(forged)))).toEqual({
      kind: "new",
      reason: "other_customer",
    });
  });
});

describe("listTickets", () => {
  it("pages newest first through a filter without repeating or skipping a row", async () => {
    const customer = await makeCustomer();
    const other = await makeCustomer();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const ticket = await makeTicket(customer, { subject: `Ticket ${String(i)}` });
      await updateTicket(ticket.id, { intent: i % 2 === 0 ? "refund_request" : "order_status", priority: "high" });
      made.push(ticket.id);
    }
    await makeTicket(other);

    const seen: string[] = [];
    let after: TicketCursor | undefined;
    let pages = 0;
    do {
      const page = await listTickets({ customerId: customer.id }, { after, limit: 3 });
      seen.push(...page.items.map((t) => t.id));
      after = page.next ?? undefined;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());

    const refunds = await listTickets({ customerId: customer.id, intent: "refund_request", priority: "high" });
    expect(refunds.items.map((t) => t.subject)).toEqual(["Ticket 6", "Ticket 4", "Ticket 2", "Ticket 0"]);
    expect(refunds.items[0]).toMatchObject({ customerEmail: customer.email, customerName: customer.name });
    expect(await countTickets({ customerId: customer.id, intent: "order_status" })).toBe(3);
    expect((await listTickets({ customerId: customer.id, status: "resolved" })).items).toEqual([]);
  });
});

describe("transitionTicket", () => {
  it("takes one of two racing approvals and answers the other with what happened", async () => {
    const ticket = await makeTicket(await makeCustomer());
    for (const event of ["classify", "draft", "request_decision"] as const)
      expect(await transitionTicket(ticket.id, event)).toMatchObject({ ok: true, changed: true });
    const results = await Promise.all([
      transitionTicket(ticket.id, "approve", { decisionSummary: "Approved by A" }),
      transitionTicket(ticket.id, "approve", { decisionSummary: "Approved by B" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: "already_decided" });
    const after = (await getTicketWithMessages(ticket.id))?.ticket;
    expect(after?.status).toBe("sending");
    expect(after?.terminalAt).toBeInstanceOf(Date);
  });

  it("answers an approval after the deadline with expired and writes nothing", async () => {
    const ticket = await makeTicket(await makeCustomer());
    for (const event of ["classify", "draft", "request_decision", "expire"] as const)
      await transitionTicket(ticket.id, event);
    expect(await transitionTicket(ticket.id, "approve", { decisionSummary: "late" })).toMatchObject({
      ok: false,
      reason: "expired",
    });
    expect((await getTicketWithMessages(ticket.id))?.ticket).toMatchObject({
      status: "expired",
      decisionSummary: null,
    });
  });

  it("writes nothing for a stage retried after a person decided", async () => {
    const ticket = await makeTicket(await makeCustomer());
    for (const event of ["classify", "draft"] as const) await transitionTicket(ticket.id, event);
    await transitionTicket(ticket.id, "request_decision", { draftReply: "Model draft" });
    await updateTicket(ticket.id, { draftReply: "Edited by the agent" });
    await transitionTicket(ticket.id, "approve");
    expect(await transitionTicket(ticket.id, "request_decision", { draftReply: "Model draft" })).toMatchObject({
      ok: true,
      changed: false,
    });
    expect((await getTicketWithMessages(ticket.id))?.ticket).toMatchObject({
      status: "sending",
      draftReply: "Edited by the agent",
    });
  });

  it("says not_found for a ticket that does not exist", async () => {
    expect(await transitionTicket("00000000-0000-4000-8000-000000000000", "classify")).toEqual({
      ok: false,
      reason: "not_found",
    });
  });
});

describe("recordRefund", () => {
  it("writes one refund for two concurrent attempts and logs both", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer, { totalMinor: 4990 });
    const ticket = await makeTicket(customer, { orderId: order.id });
    const request = { ticketId: ticket.id, orderId: order.id, amountMinor: 1500, currency: "EUR" };
    const results = await Promise.all([
      recordRefund({ ...request, detail: { by: "attempt-a" } }),
      recordRefund({ ...request, detail: { by: "attempt-b" } }),
    ]);
    expect(results.map((r) => r.applied).sort()).toEqual([false, true]);
    expect(results.map((r) => r.attempt).sort()).toEqual([1, 2]);
    expect(new Set(results.map((r) => r.refund.id)).size).toBe(1);

    const refund = await getRefundForTicket(ticket.id);
    expect(refund).toMatchObject({ amountMinor: 1500, currency: "EUR", status: "issued", orderId: order.id });
    expect(refund?.attempts.map((a) => a.outcome)).toEqual(["applied", "already_applied"]);
    expect(refund?.attempts.map((a) => a.detail.by).sort()).toEqual(["attempt-a", "attempt-b"]);
    const { db } = database();
    const rows = await db.$client`select count(*)::int as n from refunds where ticket_id = ${ticket.id}`;
    expect(rows[0]?.n).toBe(1);
  });

  it("keeps the first amount when a later attempt asks for another, and logs what it asked", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer);
    const ticket = await makeTicket(customer, { orderId: order.id });
    await recordRefund({ ticketId: ticket.id, orderId: order.id, amountMinor: 1000, currency: "EUR" });
    const again = await recordRefund({ ticketId: ticket.id, orderId: order.id, amountMinor: 4000, currency: "EUR" });
    expect(again).toMatchObject({ applied: false, attempt: 2, refund: { amountMinor: 1000 } });
    expect((await getRefundForTicket(ticket.id))?.attempts[1]?.detail).toMatchObject({
      requested: { amountMinor: 4000, currency: "EUR" },
    });
  });

  it("feeds the risk rules: the order's refunded sum and the customer's recent refunds, other tickets only", async () => {
    const customer = await makeCustomer();
    const order = await makeOrder(customer, { totalMinor: 10_000 });
    const first = await makeTicket(customer, { orderId: order.id });
    const second = await makeTicket(customer, { orderId: order.id });
    await recordRefund({ ticketId: first.id, orderId: order.id, amountMinor: 2500, currency: "EUR" });
    expect(await sumOrderRefunds(order.id)).toBe(2500);
    expect(await sumOrderRefunds(order.id, first.id)).toBe(0);
    const since = new Date(Date.now() - 86_400_000);
    expect(await listCustomerRefunds(customer.id, since, second.id)).toEqual([
      { at: expect.any(Date) as Date, amountMinor: 2500, currency: "EUR" },
    ]);
    expect(await listCustomerRefunds(customer.id, since, first.id)).toEqual([]);
  });
});
