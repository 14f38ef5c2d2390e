type Message = { from: string; date: string; body: string };

const people = ["Anna Schmidt <anna@keel.test>", "Bob Miller <bob@vendor.test>"];

/** The order, as the vendor typed it into message 14 (newest first) of the thread. */
export const orderBody = `Hello Anna,

please process our purchase order PO-4471:

SKU        Description          Qty   Unit price   Amount
HB-M8-40   Hex bolts M8x40      100   0.45         45.00
WN-M8      Washers M8           200   0.05         10.00

Subtotal: 55.00 EUR
VAT 19%: 10.45 EUR
Total: 65.45 EUR
Payment terms: Net 30 days

Best regards,
Bob Miller
Purchasing, Vendor Co
+49 40 1234567`;

const chatter = [
  "Thanks, received. We will check stock and come back to you.",
  "Any update on the delivery date?",
  "Delivery is planned for next Tuesday.",
  "Great, thank you. The invoice can go to ap@keel.test as usual.",
  "Noted. Our driver will call before arrival.",
  "Please make sure the pallets are labelled.",
  "Will do.",
  "Can you confirm the delivery address?",
  "Same as last time, Hafenstrasse 1.",
  "Perfect.",
  "One more thing: please use the dock at the back.",
  "OK, passed it on to the driver.",
];

/** Twenty messages, newest first; index 13 (from Bob) carries the order, the rest is conversation. */
export function threadMessages(): Message[] {
  return Array.from({ length: 20 }, (_, index) => ({
    from: people[index % 2] ?? "",
    date: `Mon, ${20 - index} May 2024 at 09:${String(10 + index).padStart(2, "0")}`,
    body:
      index === 0
        ? "Hi team,\n\nforwarding the PO thread again, the signed PDF is attached.\n\nThanks,\nAnna\n-- \nAnna Schmidt | Keel GmbH"
        : index === 13
          ? orderBody
          : (chatter[index % chatter.length] ?? ""),
  }));
}

/** The thread as mail clients quote it: "On … wrote:" and "> " for most replies, an Outlook header block for one. */
export function quotedThread(messages: Message[], at = 0): string {
  const message = messages[at];
  if (!message) return "";
  const older = messages[at + 1];
  if (!older) return message.body;
  if (at === 5) {
    return `${message.body}\n\n-----Original Message-----\nFrom: ${older.from}\nSent: ${older.date}\nTo: ${message.from}\nSubject: RE: PO 4471\n\n${quotedThread(messages, at + 1)}`;
  }
  const quoted = quotedThread(messages, at + 1)
    .split("\n")
    .map((line) => (line.startsWith(">") ? `>${line}` : `> ${line}`))
    .join("\n");
  return `${message.body}\n\nOn ${older.date}, ${older.from} wrote:\n${quoted}`;
}

function base64Lines(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString("base64")
      .match(/.{1,76}/g) ?? []
  ).join("\r\n");
}

/** A multipart .eml: the quoted thread as text/plain, a PDF attachment and a small inline logo. */
export function threadEml(pdf: Uint8Array, logoPng: Uint8Array): Uint8Array {
  const body = quotedThread(threadMessages()).replace(/\n/g, "\r\n");
  return new TextEncoder().encode(
    [
      "Received: from mx.keel.test by keel.test; Mon, 20 May 2024 09:10:00 +0000",
      "From: Anna Schmidt <anna@keel.test>",
      "To: ap@keel.test",
      "Subject: Fwd: RE: PO 4471",
      "Date: Mon, 20 May 2024 09:10:00 +0000",
      "Message-ID: <thread-20@keel.test>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="mixed"',
      "",
      "--mixed",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      body,
      "--mixed",
      "Content-Type: image/png",
      "Content-Disposition: inline; filename=logo.png",
      "Content-ID: <logo@keel.test>",
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(logoPng),
      "--mixed",
      'Content-Type: application/pdf; name="PO 4471.pdf"',
      'Content-Disposition: attachment; filename="../../PO 4471.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      base64Lines(pdf),
      "--mixed--",
      "",
    ].join("\r\n"),
  );
}

/** "FYI" with the vendor's email forwarded as an attachment that carries the invoice PDF. */
export function forwardedAsAttachmentEml(pdf: Uint8Array): Uint8Array {
  const inner = [
    "From: Bob Miller <bob@vendor.test>",
    "To: anna@keel.test",
    "Subject: Invoice 77",
    "Date: Mon, 4 Mar 2024 10:00:00 +0000",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="inner"',
    "",
    "--inner",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Dear Anna, please find our invoice 77 attached.",
    "--inner",
    'Content-Type: application/pdf; name="inv77.pdf"',
    'Content-Disposition: attachment; filename="inv77.pdf"',
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(pdf),
    "--inner--",
  ].join("\r\n");
  return new TextEncoder().encode(
    [
      "From: Anna Schmidt <anna@keel.test>",
      "To: ap@keel.test",
      "Subject: Fwd: Invoice 77",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="outer"',
      "",
      "--outer",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "FYI",
      "--outer",
      "Content-Type: message/rfc822",
      'Content-Disposition: attachment; filename="Invoice 77.eml"',
      "",
      inner,
      "--outer--",
      "",
    ].join("\r\n"),
  );
}
