import { describe, expect, it } from "vitest";

import { orderScore, splitThread, stripSignature } from "./thread";

describe("splitThread", () => {
  it("splits a Gmail-style reply into the reply and the quoted message", () => {
    const segments = splitThread(
      "Sounds good.\n\nOn Mon, 4 Mar 2024 at 10:12, Bob <bob@vendor.test> wrote:\n> Can we ship Tuesday?\n> Bob",
      { from: "anna@keel.test" },
    );
    expect(segments).toEqual([
      { from: "anna@keel.test", body: "Sounds good." },
      { from: "Bob <bob@vendor.test>", date: "Mon, 4 Mar 2024 at 10:12", body: "Can we ship Tuesday?\nBob" },
    ]);
  });

  it("joins an attribution line that the client wrapped", () => {
    const segments = splitThread(
      "Yes.\n\nOn Mon, 4 Mar 2024 at 10:12, Bob Miller <bob@vendor.test>\nwrote:\n> Tuesday?",
    );
    expect(segments[1]).toMatchObject({ from: "Bob Miller <bob@vendor.test>", body: "Tuesday?" });
  });

  it("splits at an Outlook header block and reads its headers", () => {
    const segments = splitThread(
      "Approved.\n\nFrom: Bob Miller <bob@vendor.test>\nSent: Tuesday, March 5, 2024 9:14 AM\nTo: Anna\nSubject: RE: PO 4471\n\nPlease approve.",
    );
    expect(segments).toHaveLength(2);
    expect(segments[1]).toEqual({
      from: "Bob Miller <bob@vendor.test>",
      date: "Tuesday, March 5, 2024 9:14 AM",
      to: "Anna",
      subject: "RE: PO 4471",
      body: "Please approve.",
    });
  });

  it("splits at a forwarded-message separator", () => {
    const segments = splitThread(
      "FYI\n\n---------- Forwarded message ---------\nFrom: Bob <bob@vendor.test>\nDate: Mon, 4 Mar 2024\nSubject: Invoice 77\nTo: Anna\n\nInvoice attached.",
    );
    expect(segments.map((segment) => segment.body)).toEqual(["FYI", "Invoice attached."]);
    expect(segments[1]?.subject).toBe("Invoice 77");
  });

  it("leaves a body without history as one message", () => {
    expect(splitThread("Just a note.\nFrom: the warehouse")).toEqual([{ body: "Just a note.\nFrom: the warehouse" }]);
  });
});

describe("stripSignature", () => {
  it("cuts at the RFC signature delimiter", () => {
    expect(stripSignature("Order attached.\n-- \nAnna Schmidt\nKeel GmbH")).toBe("Order attached.");
  });

  it("cuts a sign-off and the name and title under it", () => {
    expect(stripSignature("Please ship 10 units.\n\nBest regards,\nBob Miller\nPurchasing\n+49 40 1234567")).toBe(
      "Please ship 10 units.",
    );
  });

  it("cuts mobile footers and confidentiality notices", () => {
    expect(stripSignature("OK\n\nSent from my iPhone")).toBe("OK");
    expect(
      stripSignature(
        "Invoice attached.\n\nThis email and any attachments are confidential and intended solely for the addressee.",
      ),
    ).toBe("Invoice attached.");
  });

  it("keeps a long body that happens to contain Thanks early on", () => {
    const body = ["Thanks", ...Array.from({ length: 20 }, (_, i) => `Line ${i}`)].join("\n");
    expect(stripSignature(body)).toBe(body);
  });
});

describe("orderScore", () => {
  it("scores an order high and conversation low", () => {
    expect(
      orderScore(
        "Please process our purchase order PO-4471:\nHB-M8-40 Hex bolts 100 0.45 45.00\nSubtotal 55.00 EUR\nVAT 10.45\nTotal 65.45 EUR",
      ),
    ).toBeGreaterThanOrEqual(6);
    expect(orderScore("Great, thank you. The invoice can go to ap@keel.test as usual.")).toBeLessThan(6);
    expect(orderScore("Any update on the delivery date?")).toBeLessThan(6);
  });
});
