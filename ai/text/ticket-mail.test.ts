import { describe, expect, it } from "vitest";
import { maxTicketBodyChars } from "@/domain/tickets/message";
import { parseTicketMail } from "./ticket-mail";

const eml = (headers: string[], body: string) => new TextEncoder().encode(`${headers.join("\r\n")}\r\n\r\n${body}`);

describe("parseTicketMail", () => {
  it("reads the sender, subject, text part and threading headers, ids bare", async () => {
    const mail = await parseTicketMail(
      eml(
        [
          'From: "Ada Lovelace" <ada@example.com>',
          "To: support@keel.test",
          "Subject: Re: Refund for DEMO-1001",
          "Message-ID: <b@example.com>",
          "In-Reply-To: <a@keel.test>",
          "References: <root@example.com> <a@keel.test>",
          "Content-Type: text/plain; charset=utf-8",
        ],
        "Still waiting for my refund.",
      ),
    );
    expect(mail).toEqual({
      fromAddress: "ada@example.com",
      fromName: "Ada Lovelace",
      to: "support@keel.test",
      subject: "Re: Refund for DEMO-1001",
      text: "Still waiting for my refund.",
      messageId: "b@example.com",
      inReplyTo: ["a@keel.test"],
      references: ["root@example.com", "a@keel.test"],
      autoSubmitted: null,
      precedence: null,
      autoreplyHeader: false,
    });
  });

  it("hands back what marks machine-sent mail", async () => {
    const mail = await parseTicketMail(
      eml(["From: a@example.com", "Auto-Submitted: auto-replied", "Precedence: bulk", "X-Autoreply: yes"], "Away."),
    );
    expect(mail).toMatchObject({ autoSubmitted: "auto-replied", precedence: "bulk", autoreplyHeader: true });
  });

  it("turns an HTML-only message into its text", async () => {
    const mail = await parseTicketMail(
      eml(
        ["From: bob@example.com", "Subject: Help", "Content-Type: text/html; charset=utf-8"],
        "<p>My parcel <b>never</b> came.</p><script>alert(1)</script>",
      ),
    );
    expect(mail.text).toContain("My parcel never came.");
    expect(mail.text).not.toContain("<b>");
  });

  it("says so when the message has no readable text", async () => {
    const mail = await parseTicketMail(
      eml(
        ["From: carol@example.com", "Subject: photo", "Content-Type: image/png", "Content-Transfer-Encoding: base64"],
        "iVBORw0KGgo=",
      ),
    );
    expect(mail).toMatchObject({ text: "", messageId: null, inReplyTo: [], references: [] });
  });

  it("hands back one character past the stored limit of a huge body, so the cut is still seen", async () => {
    const mail = await parseTicketMail(eml(["From: d@example.com", "Subject: long"], "x".repeat(5 * 1024 * 1024)));
    expect(mail.text.length).toBe(maxTicketBodyChars + 1);
  });
});
