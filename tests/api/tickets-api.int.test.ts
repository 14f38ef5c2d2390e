import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/index";
import { createApiKey } from "@/db/queries/api-keys";
import { addTicketMessage, updateTicket } from "@/db/queries/tickets";
import { eventOutbox } from "@/db/schema";
import { withKeelDatabase } from "../setup/keel-database";
import { suffix } from "../tickets/factories";

withKeelDatabase();
const admin = { id: null, label: "test admin" };

type Routes = {
  POST: typeof import("@/app/api/v1/tickets/route").POST;
  GET: typeof import("@/app/api/v1/tickets/[ticketId]/route").GET;
  receive: typeof import("@/services/tickets/receive").receiveTicketMessage;
};
let routes: Routes;

// No engine runs in this file: the Inngest client points at a port nothing listens on, so every answer here is one
// Keel gives from its own tables with the engine stopped.
beforeAll(async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        resolve(typeof address === "object" && address ? address.port : 0);
      });
    });
  });
  process.env.INNGEST_DEV = `http://127.0.0.1:${String(port)}`;
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${String(port)}`;
  routes = {
    POST: (await import("@/app/api/v1/tickets/route")).POST,
    GET: (await import("@/app/api/v1/tickets/[ticketId]/route")).GET,
    receive: (await import("@/services/tickets/receive")).receiveTicketMessage,
  };
});

function post(secret: string | null, body: string, idempotencyKey: string | null = `key-${suffix()}`) {
  return routes.POST(
    new Request("http://keel.test/api/v1/tickets", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      },
      body,
    }),
  );
}

function get(secret: string, ticketId: string) {
  return routes.GET(
    new Request(`http://keel.test/api/v1/tickets/${ticketId}`, { headers: { authorization: `Bearer ${secret}` } }),
    { params: Promise.resolve({ ticketId }) },
  );
}

const ticket = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    customerEmail: `buyer-${suffix()}@example.test`,
    customerName: "Bea Buyer",
    subject: "Kettle arrived broken",
    body: "The lid is cracked. I would like a refund.",
    orderReference: "A-2001",
    ...overrides,
  });

type Created = { id: string; status: string; url: string };
type ErrorBody = { error: { code: string; message: string } };

async function created(secret: string, body = ticket()): Promise<Created> {
  const response = await post(secret, body);
  expect(response.status).toBe(201);
  return (await response.json()) as Created;
}

describe("POST /api/v1/tickets", () => {
  it("answers 401 without an API key, and makes no ticket", async () => {
    const response = await post(null, ticket());
    expect(response.status).toBe(401);
    expect(((await response.json()) as ErrorBody).error.code).toBe("unauthenticated:api_key");
  });

  it("creates a ticket and answers 201 with its id, status and url, with the engine stopped", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    const body = await created(secret);
    expect(body).toEqual({ id: expect.any(String) as string, status: "received", url: `/api/v1/tickets/${body.id}` });
    // The start event waits in the outbox for the relay, since no engine took it.
    const [row] = await db()
      .select()
      .from(eventOutbox)
      .where(eq(eventOutbox.eventId, `ticket-received-${body.id}`));
    expect(row).toMatchObject({ name: "keel/ticket.received", data: { ticketId: body.id }, sentAt: null });
  });

  it("answers 422 naming the body when it is not JSON", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    const response = await post(secret, "{customerEmail: nope");
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error).toMatchObject({ code: "invalid:json" });
  });

  it.each([
    [{ customerEmail: "not an address" }, "customerEmail"],
    [{ customerEmail: undefined }, "customerEmail"],
    [{ subject: "   " }, "subject"],
    [{ body: " \n\t " }, "body"],
    [{ body: 42 }, "body"],
    [{ priority: "urgent" }, "priority"],
  ])("answers 422 naming the field for %j", async (overrides, field) => {
    const { secret } = await createApiKey("helpdesk", admin);
    const response = await post(secret, ticket(overrides));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe(`invalid:${field}`);
    expect(error.message).toContain(field);
  });

  it("answers 413 to a request over 5 MB, saying what to send instead", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    const response = await post(secret, ticket({ body: "x".repeat(5 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("rejected:too_large");
    expect(error.message).toContain("5 MB");
  });

  it("replays the same ticket for the same Idempotency-Key and body, and refuses another body with 409", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    const body = ticket();
    const first = await post(secret, body, "retry-1");
    const again = await post(secret, body, "retry-1");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const other = await post(secret, ticket(), "retry-1");
    expect(other.status).toBe(409);
  });

  it("asks for an Idempotency-Key", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    const response = await post(secret, ticket(), null);
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.message).toContain("Idempotency-Key");
  });
});

describe("GET /api/v1/tickets/:id", () => {
  it("answers the read model from Keel's tables with the engine stopped", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    const email = `Reader-${suffix()}@Example.test`;
    const { id } = await created(secret, ticket({ customerEmail: email }));
    await updateTicket(id, {
      intent: "refund_request",
      priority: "high",
      language: "en",
      classConfidence: 0.91,
      draftReply: "Sorry about the lid; we will refund it.",
      refundProposedMinor: 2500,
      refundCurrency: "EUR",
      findings: [{ rule: "refund-proposed", message: "The draft proposes a refund of EUR 25.00." }],
    });
    const response = await get(secret, id);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id,
      status: "received",
      source: "api",
      subject: "Kettle arrived broken",
      intent: "refund_request",
      priority: "high",
      language: "en",
      confidence: 0.91,
      customer: { email: email.toLowerCase(), name: "Bea Buyer" },
      orderReference: "A-2001",
      order: null,
      messages: [{ direction: "in", body: "The lid is cracked. I would like a refund.", bodyTruncated: false }],
      draft: "Sorry about the lid; we will refund it.",
      proposedRefund: { amountMinor: 2500, currency: "EUR" },
      findings: [{ rule: "refund-proposed", message: "The draft proposes a refund of EUR 25.00." }],
      decision: null,
      refund: null,
    });
  });

  it("shows a customer's emailed reply to Keel's answer on the same ticket", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    const email = `thread-${suffix()}@example.test`;
    const { id } = await created(secret, ticket({ customerEmail: email }));
    const answerId = `${suffix()}@keel.example.test`;
    await addTicketMessage(id, {
      direction: "out",
      messageId: answerId,
      from: "support@keel.example.test",
      to: email,
      subject: "Re: Kettle arrived broken",
      bodyText: "Could you send a photo?",
    });
    const reply = await routes.receive({
      source: "email",
      customerEmail: email,
      subject: "Re: Kettle arrived broken",
      body: "Photo attached.",
      messageId: `${suffix()}@mail.example.test`,
      inReplyTo: answerId,
      references: [answerId],
      actor: { id: null, label: "smtp" },
    });
    expect(reply).toMatchObject({ ticketId: id, created: false, threaded: true });
    const body = (await (await get(secret, id)).json()) as { messages: { direction: string; body: string }[] };
    expect(body.messages.map((m) => [m.direction, m.body])).toEqual([
      ["in", "The lid is cracked. I would like a refund."],
      ["out", "Could you send a photo?"],
      ["in", "Photo attached."],
    ]);
  });

  it("answers 404 to another key's ticket, and the ticket to a read_all key", async () => {
    const { secret: mine } = await createApiKey("helpdesk", admin);
    const { secret: theirs } = await createApiKey("other shop", admin);
    const { secret: auditor } = await createApiKey("auditor", admin, "read_all");
    const { id } = await created(mine);
    const refused = await get(theirs, id);
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("not_found:ticket");
    expect((await get(auditor, id)).status).toBe(200);
  });

  it("answers 404 to an id that is not a ticket's", async () => {
    const { secret } = await createApiKey("helpdesk", admin);
    expect((await get(secret, "not-a-uuid")).status).toBe(404);
    expect((await get(secret, "7d1c9a3e-0b1f-4c5d-8e2a-9f3b4c5d6e7f")).status).toBe(404);
  });
});
