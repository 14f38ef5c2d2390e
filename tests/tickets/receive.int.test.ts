import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAuditForSubject } from "@/db/queries/audit";
import { getCustomerByEmail } from "@/db/queries/customers";
import { getTicketWithMessages } from "@/db/queries/tickets";
import { db } from "@/db/index";
import { eventOutbox } from "@/db/schema";
import { maxTicketBodyChars } from "@/domain/tickets/message";
import type { ReceiveTicketMessageInput } from "@/services/tickets/receive";
import { until } from "../engine/helpers";
import { makeUser } from "../factories/users";
import { withPipeline } from "../pipeline/harness";
import { suffix } from "./factories";

// The real engine and serve(): a new ticket's keel/ticket.received must reach it through the outbox.
const harness = withPipeline();
const actor = { id: null, label: "test intake" };

// Imported once the harness points the Inngest client at the test engine: the client reads its mode on creation.
const intake = () => import("@/services/tickets/receive");
const receiveTicketMessage = async (input: ReceiveTicketMessageInput) => (await intake()).receiveTicketMessage(input);
const ticketReceivedId = (ticketId: string) => `ticket-received-${ticketId}`;

function email(overrides: Partial<ReceiveTicketMessageInput> = {}): ReceiveTicketMessageInput {
  return {
    source: "email",
    customerEmail: `Ana.${suffix()}@Example.test`,
    customerName: "Ana Souza",
    subject: "Refund for order",
    body: "Hello, the kettle arrived broken. Please refund it.",
    messageId: `${suffix()}@mail.example.test`,
    actor,
    ...overrides,
  };
}

async function outboxRow(ticketId: string) {
  const [row] = await db()
    .select()
    .from(eventOutbox)
    .where(eq(eventOutbox.eventId, ticketReceivedId(ticketId)));
  return row;
}

describe("receiveTicketMessage", () => {
  it("makes a customer, a ticket with its first message and an audit entry, and its start event reaches the engine", async () => {
    const input = email({ orderReference: " A-1001 " });
    const result = await receiveTicketMessage(input);
    expect(result).toMatchObject({ created: true, threaded: false });

    const customer = await getCustomerByEmail(input.customerEmail);
    expect(customer).toMatchObject({ email: input.customerEmail.toLowerCase(), name: "Ana Souza" });
    const detail = await getTicketWithMessages(result.ticketId);
    expect(detail?.ticket).toMatchObject({
      status: "received",
      source: "email",
      subject: "Refund for order",
      orderReference: "A-1001",
      customerId: customer?.id,
    });
    expect(detail?.messages.map((m) => [m.id, m.direction, m.messageId, m.bodyText])).toEqual([
      [result.messageId, "in", input.messageId, input.body],
    ]);
    expect((await listAuditForSubject("ticket", result.ticketId)).map((e) => [e.action, e.actorLabel])).toEqual([
      ["ticket.received", "test intake"],
    ]);

    const sent = await until(
      "the start event to leave the outbox",
      async () => (await outboxRow(result.ticketId))?.sentAt,
    );
    expect(sent).toBeInstanceOf(Date);
    const events = await harness().engine.sql<{ name: string; data: { ticketId: string } }[]>`
      select name, data from inngest_engine.events where id = ${ticketReceivedId(result.ticketId)}`;
    expect(events).toEqual([{ name: "keel/ticket.received", data: { ticketId: result.ticketId } }]);
  });

  it("joins a reply from the same customer to its ticket by In-Reply-To, without a second ticket or start event", async () => {
    const first = email();
    const opened = await receiveTicketMessage(first);
    const reply = await receiveTicketMessage(
      email({
        customerEmail: first.customerEmail.toUpperCase(),
        subject: "Re: Refund for order",
        body: "Any news?",
        inReplyTo: first.messageId ?? null,
        references: [first.messageId ?? ""],
      }),
    );
    expect(reply).toMatchObject({ ticketId: opened.ticketId, created: false, threaded: true });
    const detail = await getTicketWithMessages(opened.ticketId);
    expect(detail?.messages.map((m) => m.bodyText)).toEqual([first.body, "Any news?"]);
    expect(detail?.messages[1]?.inReplyTo).toBe(first.messageId);
    expect((await listAuditForSubject("ticket", opened.ticketId)).map((e) => e.action)).toEqual([
      "ticket.message_received",
      "ticket.received",
    ]);
  });

  it("starts a ticket of its own for a reply that names another customer's message", async () => {
    const theirs = email();
    const opened = await receiveTicketMessage(theirs);
    const forged = await receiveTicketMessage(email({ inReplyTo: theirs.messageId ?? null }));
    expect(forged.created).toBe(true);
    expect(forged.ticketId).not.toBe(opened.ticketId);
    expect((await getTicketWithMessages(opened.ticketId))?.messages).toHaveLength(1);
  });

  it("takes the same email delivered twice, even at once, as one ticket with one message", async () => {
    const input = email();
    const [a, b] = await Promise.all([receiveTicketMessage(input), receiveTicketMessage(input)]);
    expect(a.ticketId).toBe(b.ticketId);
    expect(a.messageId).toBe(b.messageId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await receiveTicketMessage(input);
    expect(again).toEqual({ ticketId: a.ticketId, messageId: a.messageId, created: false, threaded: false });
    expect((await getTicketWithMessages(a.ticketId))?.messages).toHaveLength(1);
  });

  it("stores a 5 MB body with NUL bytes as its readable, bounded beginning, marked cut", async () => {
    const body = `Start\u0000${"x".repeat(5 * 1024 * 1024)}`;
    const result = await receiveTicketMessage(email({ body, subject: "  \n " }));
    const detail = await getTicketWithMessages(result.ticketId);
    const message = detail?.messages[0];
    expect(message?.bodyTruncated).toBe(true);
    expect(message?.bodyText).toHaveLength(maxTicketBodyChars);
    expect(message?.bodyText.startsWith("Start x")).toBe(true);
    expect(detail?.ticket.subject).toBe("(no subject)");
  });
});

describe("createTicketAsOperator", () => {
  it("makes a browser ticket authored by the operator, named in its audit entry", async () => {
    const { createTicketAsOperator } = await import("@/services/tickets/browser");
    const { ticketRequestSchema } = await import("@/services/tickets/api");
    const operator = await makeUser({ role: "operator" });
    const request = ticketRequestSchema.parse({
      customerEmail: `caller-${suffix()}@example.test`,
      subject: "Called about a late parcel",
      body: "Customer phoned: parcel two weeks late.",
    });
    const { ticketId } = await createTicketAsOperator(request, operator);
    const detail = await getTicketWithMessages(ticketId);
    expect(detail?.ticket).toMatchObject({ source: "browser", createdBy: operator.id, apiKeyId: null });
    expect(detail?.messages.map((m) => m.bodyText)).toEqual(["Customer phoned: parcel two weeks late."]);
    expect((await listAuditForSubject("ticket", ticketId)).map((e) => [e.action, e.actorId, e.actorLabel])).toEqual([
      ["ticket.received", operator.id, operator.email],
    ]);
  });
});
