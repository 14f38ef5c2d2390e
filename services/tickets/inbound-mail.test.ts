import { describe, expect, it } from "vitest";
import type { TicketMail } from "@/ai/text/ticket-mail";
import { AppError } from "@/lib/errors";
import { ticketMailInput } from "./inbound-mail";

const mail = (over: Partial<TicketMail> = {}): TicketMail => ({
  fromAddress: "ada@example.com",
  fromName: "Ada",
  to: "support@keel.test",
  subject: "Refund for DEMO-1001",
  text: "It broke.",
  messageId: "b@example.com",
  inReplyTo: [],
  references: [],
  autoSubmitted: null,
  precedence: null,
  autoreplyHeader: false,
  ...over,
});

describe("ticketMailInput", () => {
  it("makes an email's sender the customer and finds the order it names", () => {
    expect(ticketMailInput(mail())).toMatchObject({
      source: "email",
      customerEmail: "ada@example.com",
      customerName: "Ada",
      subject: "Refund for DEMO-1001",
      body: "It broke.",
      orderReference: "DEMO-1001",
      messageId: "b@example.com",
      inReplyTo: null,
      references: [],
      actor: { id: null, label: "inbound email" },
    });
  });

  it("threads by the nearest parent in In-Reply-To", () => {
    const input = ticketMailInput(mail({ inReplyTo: ["x@a", "y@a"], references: ["r@a", "y@a"] }));
    expect(input).toMatchObject({ inReplyTo: "y@a", references: ["r@a", "y@a"] });
  });

  it("falls back to the envelope's sender when From has no usable address", () => {
    expect(ticketMailInput(mail({ fromAddress: "not an address" }), { from: "bob@example.com" }).customerEmail).toBe(
      "bob@example.com",
    );
  });

  it("refuses a message nobody could be answered at, saying what to do", () => {
    expect(() => ticketMailInput(mail({ fromAddress: null }), { from: "" })).toThrow(AppError);
    expect(() => ticketMailInput(mail({ fromAddress: null }))).toThrow(/no sender address/);
  });
});
