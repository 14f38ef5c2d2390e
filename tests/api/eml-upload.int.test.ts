import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDocumentPool } from "@/ai/sandbox";
import { listAuditForSubject } from "@/db/queries/audit";
import { getTicketWithMessages } from "@/db/queries/tickets";
import type { User } from "@/db/schema";
import { findFreePort } from "@/lib/net";
import { makeUser } from "../factories/users";
import { withKeelDatabase } from "../setup/keel-database";
import { suffix } from "../tickets/factories";

// The signed-in person, caught here: a route handler called from a test has no Next request to read a session from.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock("@/services/auth/session", async () => {
  const { AppError } = await import("@/lib/errors");
  return {
    authorize: () => (session.user ? Promise.resolve(session.user) : Promise.reject(new AppError("unauthenticated"))),
  };
});

withKeelDatabase();

let POST: typeof import("@/app/api/tickets/eml/route").POST;

// No engine runs in this file: the Inngest client points at a port nothing listens on; the ticket is stored anyway
// and its start event waits in the outbox for the relay.
beforeAll(async () => {
  const port = await findFreePort();
  process.env.INNGEST_DEV = `http://127.0.0.1:${String(port)}`;
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${String(port)}`;
  POST = (await import("@/app/api/tickets/eml/route")).POST;
  session.user = await makeUser({ role: "operator" });
});

afterAll(async () => {
  await closeDocumentPool();
});

const post = (body: BodyInit, filename: string, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://keel.test/api/tickets/eml", {
      method: "POST",
      headers: { host: "keel.test", "x-filename": encodeURIComponent(filename), ...headers },
      body,
      duplex: "half",
    } as RequestInit),
  );

const eml = (from: string | null, subject: string, text: string) =>
  [
    ...(from ? [`From: "Ana Souza" <${from}>`] : []),
    "MIME-Version: 1.0",
    "To: help@support.keel.test",
    `Subject: ${subject}`,
    `Message-ID: <${suffix()}@mail.example.test>`,
    "Date: Mon, 30 Nov 2026 08:00:00 +0000",
    "Content-Type: text/plain; charset=utf-8",
    "",
    text,
    "",
  ].join("\r\n");

describe("POST /api/tickets/eml, the New ticket page's upload", () => {
  it("makes a ticket from a saved email, with the order it names, recorded as the uploader's doing", async () => {
    const from = `ana.${suffix()}@example.test`;
    const response = await post(
      eml(from, "Kettle broken, order DEMO-1001", "It arrived broken. Please refund it."),
      "Kettle.eml",
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { ticketId: string };
    expect(body).toEqual({ ticketId: body.ticketId, created: true, threaded: false });
    const detail = await getTicketWithMessages(body.ticketId);
    expect(detail?.ticket).toMatchObject({ source: "email", orderReference: "DEMO-1001" });
    expect(detail?.customer.email).toBe(from);
    expect(detail?.messages.map((m) => [m.direction, m.bodyText.trim()])).toEqual([
      ["in", "It arrived broken. Please refund it."],
    ]);
    expect((await listAuditForSubject("ticket", body.ticketId)).map((e) => [e.action, e.actorLabel])).toEqual([
      ["ticket.received", session.user?.email],
    ]);
  });

  it("answers the same email uploaded again with the ticket it already made", async () => {
    const file = eml(`ana.${suffix()}@example.test`, "Where is my order?", "Still waiting.");
    const first = (await (await post(file, "a.eml")).json()) as { ticketId: string };
    const again = await post(file, "a copy.eml");
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ticketId: first.ticketId, created: false, threaded: false });
  });

  it("refuses a file that is not an email, naming it and saying what to upload", async () => {
    const response = await post("Just some notes about a call.\nNothing else.\n", "notes.txt");
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: {
        code: "rejected:unsupported_type",
        message:
          "notes.txt is not an email. Save the customer's message from your mail program as .eml and upload that.",
      },
    });
  });

  it("refuses an email with no sender, since nobody could be answered", async () => {
    const response = await post(eml(null, "No sender", "Who am I?"), "anonymous.eml");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: "invalid:email-sender",
        message:
          "The email has no sender address Keel can reply to. Send it from a mailbox with an address in its From line.",
      },
    });
  });

  it("stops reading past 10 MB and answers 413 with the limit", async () => {
    const MB = 1024 * 1024;
    const huge = `${eml(`ana.${suffix()}@example.test`, "Big", "x")}${"y".repeat(11 * MB)}`;
    const response = await post(huge, "big.eml");
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rejected:too_large");
    expect(body.error.message).toContain("10 MB");
  });

  it("turns away a request without a session, and one from another website", async () => {
    const file = eml(`ana.${suffix()}@example.test`, "Hello", "Hi");
    const user = session.user;
    session.user = null;
    try {
      expect((await post(file, "a.eml")).status).toBe(401);
    } finally {
      session.user = user;
    }
    const foreign = await post(file, "a.eml", { origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("forbidden:origin");
  });
});
