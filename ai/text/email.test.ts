import { describe, expect, it } from "vitest";

import { extractEmail } from "./email";
import { textPdf, textPng } from "./testing/documents";
import { forwardedAsAttachmentEml, threadEml } from "./testing/email";

const logo = textPng([{ text: "ACME", x: 2, y: 20, size: 20 }], 80, 30);

describe("extractEmail", () => {
  it("finds the order in a 20-message thread and strips quotes and signature", async () => {
    const pdf = await textPdf([[{ text: "Purchase order PO-4471", x: 50, y: 60 }]]);
    const started = performance.now();
    const { text, attachments } = await extractEmail(threadEml(pdf, logo));
    const elapsed = performance.now() - started;
    expect(text.source).toBe("email");
    expect(text.pages).toHaveLength(1);
    const page = text.pages[0]?.text ?? "";
    expect(page).toMatch(/^From: Bob Miller <bob@vendor.test>\nDate: Mon, 7 May 2024 at 09:23\n\nHello Anna,/);
    expect(page).toContain("HB-M8-40   Hex bolts M8x40      100   0.45         45.00");
    expect(page).toContain("Payment terms: Net 30 days");
    expect(page).not.toMatch(/^>/m);
    expect(page).not.toContain("Purchasing, Vendor Co");
    expect(page).not.toContain("Any update on the delivery date?");
    expect(text.warnings[0]).toMatch(
      /thread of 20 messages; read message 14, counting from the newest \(from Bob Miller <bob@vendor.test>, dated Mon, 7 May 2024 at 09:23\): its text reads like an order/,
    );
    expect(elapsed).toBeLessThan(2000);
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ filename: "PO 4471.pdf", contentType: "application/pdf" });
    expect(Buffer.from(attachments[0]?.bytes ?? []).equals(Buffer.from(pdf))).toBe(true);
  });

  it("takes the forwarded message that carries the attachment when no body reads like an order", async () => {
    const pdf = await textPdf([[{ text: "Invoice 77", x: 50, y: 60 }]]);
    const { text, attachments } = await extractEmail(forwardedAsAttachmentEml(pdf));
    expect(text.pages[0]?.text).toContain("Subject: Invoice 77");
    expect(text.pages[0]?.text).toContain("please find our invoice 77 attached");
    expect(text.warnings[0]).toMatch(/read message 2, .*carries the attachments/);
    expect(attachments.map((attachment) => attachment.filename)).toEqual(["inv77.pdf"]);
  });

  it("reads an HTML-only email", async () => {
    const eml = new TextEncoder().encode(
      "From: bob@vendor.test\r\nSubject: Quote\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Our quote <b>Q-88</b>: 100 bolts at 0.45 EUR.</p>\r\n--b--\r\n",
    );
    const { text } = await extractEmail(eml);
    expect(text.pages[0]?.text).toContain("Our quote Q-88: 100 bolts at 0.45 EUR.");
  });

  it("rejects an email whose attachments are over the limit", async () => {
    const pdf = await textPdf([[{ text: "x", x: 50, y: 60 }]]);
    await expect(
      extractEmail(forwardedAsAttachmentEml(pdf), { limits: { maxAttachments: 10, maxAttachmentBytes: 100 } }),
    ).rejects.toMatchObject({ reason: "too_large" });
  });
});
