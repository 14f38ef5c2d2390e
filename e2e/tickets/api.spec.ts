import { randomBytes } from "node:crypto";
import { createApiKey } from "@/db/queries/api-keys";
import { eq } from "drizzle-orm";
import { db } from "@/db/index";
import { eventOutbox } from "@/db/schema";
import { expect, test } from "../fixtures";

const admin = { id: null, label: "e2e tickets api" };

test("a ticket sent through the REST API is stored, replayed for a retry, read back, and its run's event reaches the engine", async ({
  request,
}) => {
  const { secret } = await createApiKey(`e2e tickets ${randomBytes(4).toString("hex")}`, admin);
  const email = `e2e-api-${randomBytes(4).toString("hex")}@example.test`;
  const send = () =>
    request.post("/api/v1/tickets", {
      headers: { authorization: `Bearer ${secret}`, "idempotency-key": `e2e-${email}` },
      data: { customerEmail: email, subject: "Parcel never came", body: "Order A-3001 has not arrived." },
    });

  const first = await send();
  expect(first.status()).toBe(201);
  const created = (await first.json()) as { id: string; url: string };
  expect(created.url).toBe(`/api/v1/tickets/${created.id}`);

  const retried = await send();
  expect(retried.status()).toBe(201);
  expect(retried.headers()["idempotent-replayed"]).toBe("true");
  expect(await retried.json()).toEqual(created);

  const read = await request.get(created.url, { headers: { authorization: `Bearer ${secret}` } });
  expect(read.status()).toBe(200);
  expect(await read.json()).toMatchObject({
    id: created.id,
    source: "api",
    customer: { email },
    messages: [{ direction: "in", body: "Order A-3001 has not arrived." }],
  });

  // Sent to the engine right after the commit, or by the relay within a minute if that send failed.
  const sentAt = async () => {
    const [row] = await db()
      .select({ sentAt: eventOutbox.sentAt })
      .from(eventOutbox)
      .where(eq(eventOutbox.eventId, `ticket-received-${created.id}`));
    return row ? row.sentAt !== null : "no outbox row";
  };
  await expect.poll(sentAt, { timeout: 90_000 }).toBe(true);
});

test("another API key gets 404 for a ticket it did not send", async ({ request }) => {
  const { secret: mine } = await createApiKey(`e2e tickets ${randomBytes(4).toString("hex")}`, admin);
  const { secret: theirs } = await createApiKey(`e2e other ${randomBytes(4).toString("hex")}`, admin);
  const response = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${mine}`, "idempotency-key": randomBytes(8).toString("hex") },
    data: {
      customerEmail: `e2e-api-${randomBytes(4).toString("hex")}@example.test`,
      subject: "Question",
      body: "Does it come in blue?",
    },
  });
  expect(response.status()).toBe(201);
  const { url } = (await response.json()) as { url: string };
  expect((await request.get(url, { headers: { authorization: `Bearer ${theirs}` } })).status()).toBe(404);
});
