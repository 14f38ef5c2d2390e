import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDocumentPool } from "@/ai/sandbox";
import { findTicketsByMessageIds, getTicketWithMessages } from "@/db/queries/tickets";
import { maxTicketBodyChars } from "@/domain/tickets/message";
import { parseEnv } from "@/lib/env";
import type { MailEnvelope } from "@/services/tickets/inbound-mail";
import type { InboundSmtp } from "@/services/tickets/smtp-listener";
import { withPipeline } from "../pipeline/harness";

// The real engine and serve(): a new ticket's start event goes out as in production.
withPipeline();

// Imported once the harness points the Inngest client at the test engine: the client reads its mode on creation.
const listener = () => import("@/services/tickets/smtp-listener");
const domain = "support.keel.test";
let inbox: InboundSmtp;

beforeAll(async () => {
  inbox = await (await listener()).startInboundSmtp({ port: 0, host: "127.0.0.1", domain });
});

afterAll(async () => {
  await inbox.close();
  await closeDocumentPool();
});

function transport(port: number) {
  return nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
}

const messageId = () => `${randomUUID()}@mail.example.test`;
const customer = () => `ana.${randomUUID().slice(0, 8)}@example.test`;

async function send(message: Mail.Options, port = inbox.port) {
  return transport(port).sendMail({ to: `help@${domain}`, ...message });
}

async function ticketOf(id: string) {
  const [known] = await findTicketsByMessageIds([id]);
  if (!known) throw new Error(`no ticket holds message ${id}`);
  const ticket = await getTicketWithMessages(known.ticketId);
  if (!ticket) throw new Error(`ticket ${known.ticketId} is gone`);
  return ticket;
}

describe("tickets by email", () => {
  it("turns a new email into a ticket with its order reference, and a reply with In-Reply-To joins it", async () => {
    const from = customer();
    const first = messageId();
    await send({
      from: `"Ana Souza" <${from}>`,
      subject: "Kettle broken, order DEMO-1001",
      text: "The kettle arrived broken. Please refund it.",
      messageId: `<${first}>`,
    });
    const ticket = await ticketOf(first);
    expect(ticket.ticket).toMatchObject({ source: "email", orderReference: "DEMO-1001", findings: null });
    expect(ticket.customer).toMatchObject({ email: from, name: "Ana Souza" });
    expect(ticket.messages).toMatchObject([
      { direction: "in", messageId: first, bodyText: "The kettle arrived broken. Please refund it.\n" },
    ]);

    const reply = messageId();
    await send({
      from,
      subject: "Re: Kettle broken, order DEMO-1001",
      text: "Any news?",
      messageId: `<${reply}>`,
      inReplyTo: `<${first}>`,
      references: [`<${first}>`],
    });
    const joined = await ticketOf(reply);
    expect(joined.ticket.id).toBe(ticket.ticket.id);
    expect(joined.messages.map((m) => m.messageId)).toEqual([first, reply]);
  });

  it("stores a 5 MB body bounded, with a finding that it was cut", async () => {
    const id = messageId();
    await send({ from: customer(), subject: "Long", text: "a".repeat(5 * 1024 * 1024), messageId: `<${id}>` });
    const ticket = await ticketOf(id);
    expect(ticket.messages[0]?.bodyText.length).toBe(maxTicketBodyChars);
    expect(ticket.messages[0]?.bodyTruncated).toBe(true);
    expect(ticket.ticket.findings?.map((f) => f.rule)).toEqual(["truncated-message"]);
  });

  it("makes a ticket of an email with no text part, with the finding that it has no readable text", async () => {
    const id = messageId();
    await send({
      from: customer(),
      subject: "See attached",
      messageId: `<${id}>`,
      attachments: [{ filename: "photo.png", content: Buffer.from("89504e470d0a1a0a", "hex") }],
    });
    const ticket = await ticketOf(id);
    expect(ticket.messages[0]?.bodyText).toBe("");
    expect(ticket.ticket.findings?.map((f) => f.rule)).toEqual(["empty-message"]);
    expect(ticket.ticket.findings?.[0]?.message).toContain("no text");
  });

  it("takes HTML-only mail as its text", async () => {
    const id = messageId();
    await send({
      from: customer(),
      subject: "Where is it?",
      html: "<p>Where is my <b>parcel</b>?</p>",
      messageId: `<${id}>`,
    });
    const ticket = await ticketOf(id);
    expect(ticket.messages[0]?.bodyText).toContain("Where is my parcel?");
    expect(ticket.ticket.findings).toBeNull();
  });

  it("refuses mail for another domain with 550, so Keel relays nothing", async () => {
    await expect(
      send({ from: customer(), to: "someone@elsewhere.test", subject: "Relay?", text: "x" }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it("refuses a message over the size limit with 552 and stores nothing", async () => {
    const small = await (
      await listener()
    ).startInboundSmtp({ port: 0, host: "127.0.0.1", domain, maxBytes: 64 * 1024 });
    try {
      const id = messageId();
      await expect(
        send({ from: customer(), subject: "Big", text: "b".repeat(200 * 1024), messageId: `<${id}>` }, small.port),
      ).rejects.toMatchObject({ responseCode: 552 });
      expect(await findTicketsByMessageIds([id])).toEqual([]);
    } finally {
      await small.close();
    }
    expect((await listener()).maxInboundMailBytes).toBe(10 * 1024 * 1024);
  });

  it("answers 451 when storing fails, so the sender retries, and 250 once it is stored", async () => {
    const { receiveInboundMail } = await import("@/services/tickets/inbound-mail");
    let failures = 1;
    const flaky = await (
      await listener()
    ).startInboundSmtp({
      port: 0,
      host: "127.0.0.1",
      domain,
      receive: async (bytes: Uint8Array, envelope: MailEnvelope) => {
        if (failures-- > 0) throw new Error("the database is restarting");
        return receiveInboundMail(bytes, envelope);
      },
    });
    try {
      const id = messageId();
      const message = { from: customer(), subject: "Retry me", text: "Hello", messageId: `<${id}>` };
      await expect(send(message, flaky.port)).rejects.toMatchObject({ responseCode: 451 });
      expect(await findTicketsByMessageIds([id])).toEqual([]);
      await send(message, flaky.port);
      expect((await ticketOf(id)).messages).toHaveLength(1);
    } finally {
      await flaky.close();
    }
  });

  it("acknowledges an out-of-office reply and a bounce but makes no ticket, so no autoresponder loop starts", async () => {
    const away = messageId();
    await send({
      from: customer(),
      subject: "Out of office",
      text: "I am away until Monday.",
      messageId: `<${away}>`,
      headers: { "Auto-Submitted": "auto-replied" },
    });
    const bounce = messageId();
    await transport(inbox.port).sendMail({
      envelope: { from: "", to: `help@${domain}` },
      raw: `From: MAILER-DAEMON@mx.example.test\r\nTo: help@${domain}\r\nMessage-ID: <${bounce}>\r\nSubject: Undelivered Mail\r\n\r\nThe message could not be delivered.\r\n`,
    });
    expect(await findTicketsByMessageIds([away, bounce])).toEqual([]);
  });

  it("runs no listener when INBOUND_SMTP_PORT is unset", async () => {
    expect(await (await listener()).startInboundSmtpFromEnv(parseEnv({}))).toBeNull();
  });
});

describe("a saved email uploaded as a ticket", () => {
  const clerk = { id: null, label: "clerk@keel.test" };
  const eml = (headers: string[], body: string) => new TextEncoder().encode(`${headers.join("\r\n")}\r\n\r\n${body}`);

  it("becomes a ticket, and an uploaded reply joins it", async () => {
    const { receiveUploadedEml } = await import("@/services/tickets/eml-upload");
    const from = customer();
    const first = messageId();
    const created = await receiveUploadedEml(
      {
        filename: "kettle.eml",
        bytes: eml([`From: ${from}`, "Subject: Order DEMO-1002", `Message-ID: <${first}>`], "Broken."),
      },
      clerk,
    );
    expect(created).toMatchObject({ created: true, threaded: false });
    const reply = await receiveUploadedEml(
      {
        filename: "reply.eml",
        bytes: eml(
          [`From: ${from}`, "Subject: Re: Order DEMO-1002", `Message-ID: <${messageId()}>`, `In-Reply-To: <${first}>`],
          "Still broken.",
        ),
      },
      clerk,
    );
    expect(reply).toMatchObject({ ticketId: created.ticketId, created: false, threaded: true });
    expect((await ticketOf(first)).ticket).toMatchObject({ source: "email", orderReference: "DEMO-1002" });
  });

  it("refuses a file that is not an email, or is empty, saying what to upload", async () => {
    const { receiveUploadedEml } = await import("@/services/tickets/eml-upload");
    await expect(
      receiveUploadedEml({ filename: "invoice.pdf", bytes: new TextEncoder().encode("%PDF-1.7\n%%EOF\n") }, clerk),
    ).rejects.toMatchObject({ code: "rejected:unsupported_type", message: expect.stringContaining(".eml") as string });
    await expect(receiveUploadedEml({ filename: "x.eml", bytes: new Uint8Array() }, clerk)).rejects.toMatchObject({
      code: "rejected:empty",
    });
  });

  it("refuses an email with no sender to answer, saying so", async () => {
    const { receiveUploadedEml } = await import("@/services/tickets/eml-upload");
    const id = messageId();
    await expect(
      receiveUploadedEml(
        {
          filename: "anon.eml",
          bytes: eml(["MIME-Version: 1.0", "To: help@example.test", "Subject: Who am I", `Message-ID: <${id}>`], "Hi"),
        },
        clerk,
      ),
    ).rejects.toMatchObject({ code: "invalid:email-sender", message: expect.stringContaining("no sender") as string });
    expect(await findTicketsByMessageIds([id])).toEqual([]);
  });
});
