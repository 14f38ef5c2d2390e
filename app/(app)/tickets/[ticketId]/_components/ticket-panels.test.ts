import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DecisionRecordData } from "@/db/queries/decision-record";
import type { Order } from "@/db/schema";
import { RefundPanel } from "./refund";
import { TicketDecision } from "./ticket-decision";

const task = {
  id: "7c0e3f1a-2b4d-4e5f-8a9b-0c1d2e3f4a5b",
  status: "open" as const,
  title: "Review ticket",
  assignedRole: "approver" as const,
  deadlineAt: new Date("2026-12-01T09:00:00Z"),
  createdAt: new Date("2026-11-30T09:00:00Z"),
  approvedBy: [],
};

const ana = { id: "u1", name: "Ana Approver", email: "ana@keel.test" };

function record(action: string, parameters: Record<string, unknown>, approvals = [{ ...ana, at: null }]) {
  return {
    task: {
      id: task.id,
      status: "resolved",
      resolvedAt: new Date("2026-11-30T10:15:00Z"),
      action,
      parameters,
      decided: null,
      currency: "EUR",
      amountMinor: 4990,
      proposed: {},
    },
    decidedBy: ana,
    approvals,
    linksUsed: [],
  } as DecisionRecordData;
}

const decision = (props: Parameters<typeof TicketDecision>[0]) =>
  renderToStaticMarkup(createElement(TicketDecision, props));

describe("TicketDecision", () => {
  it("sends an open ticket's reader to the inbox to decide, saying who and by when", () => {
    const html = decision({ task, record: undefined, summary: null });
    expect(html).toContain(`href="/inbox/${task.id}"`);
    expect(html).toContain("Decide in inbox");
    expect(html).toContain("Waiting for approvers until 2026-12-01 09:00 UTC.");
  });

  it("says who has approved so far when a second approval is still needed", () => {
    const html = decision({
      task: { ...task, approvedBy: [{ name: "Ana Approver", email: "ana@keel.test" }] },
      record: undefined,
      summary: null,
    });
    expect(html).toContain("Approved so far by Ana Approver (ana@keel.test); another person must approve too");
    expect(html).toContain("Decide in inbox");
  });

  it("shows an approval's record: who, when, the refund and the reply as decided", () => {
    const html = decision({
      task: { ...task, status: "resolved" },
      record: record("edit_and_approve", { reply: "We refund €30.00.", refundMinor: 3000, currency: "EUR" }),
      summary: "Ana Approver edited the reply and approved a refund of €30.00.",
    });
    expect(html).toContain("Edited and approved");
    expect(html).toContain("Ana Approver (ana@keel.test)");
    expect(html).toContain("2026-11-30 10:15 UTC");
    expect(html).toContain("€30.00");
    expect(html).toContain("We refund €30.00.");
    expect(html).not.toContain("Decide in inbox");
  });

  it("shows a rejection's reason and no reply, and both approvers when four eyes applied", () => {
    const rejected = decision({
      task: { ...task, status: "resolved" },
      record: record("reject", { reply: "x", refundMinor: null, currency: null, reason: "Not our product." }),
      summary: null,
    });
    expect(rejected).toContain("Rejected");
    expect(rejected).toContain("Not our product.");
    expect(rejected).not.toContain("Reply as decided");
    const bob = { id: "u2", name: "Bob Boss", email: "bob@keel.test", at: null };
    const twice = decision({
      task: { ...task, status: "resolved" },
      record: record("approve", { reply: "Refunded.", refundMinor: 90000, currency: "EUR" }, [
        { ...ana, at: null },
        bob,
      ]),
      summary: null,
    });
    expect(twice).toContain("Ana Approver (ana@keel.test), Bob Boss (bob@keel.test)");
  });

  it("says a task that ran out of time refunded and sent nothing", () => {
    const html = decision({ task: { ...task, status: "expired" }, record: undefined, summary: null });
    expect(html).toContain("No decision before the deadline (2026-12-01 09:00 UTC); nothing was refunded or sent.");
  });
});

const order: Order = {
  id: "o1",
  reference: "DEMO-1001",
  customerId: "c1",
  currency: "EUR",
  totalMinor: 4990,
  paidAt: new Date("2026-11-01T10:00:00Z"),
  status: "paid",
  createdAt: new Date("2026-11-01T10:00:00Z"),
};

describe("RefundPanel", () => {
  it("weighs the proposed refund against the order: its total, payment and what other tickets returned", () => {
    const html = renderToStaticMarkup(
      createElement(RefundPanel, {
        ticket: { orderReference: "DEMO-1001", refundProposedMinor: 2000, refundCurrency: "EUR" },
        order,
        refundedElsewhereMinor: 1000,
        refund: null,
      }),
    );
    for (const text of ["Proposed</dt>", "€20.00", "DEMO-1001 · Paid", "€49.90", "2026-11-01 10:00 UTC", "€10.00"])
      expect(html).toContain(text);
  });

  it("names an order the customer gave that Keel does not have, and lists every refund attempt", () => {
    const html = renderToStaticMarkup(
      createElement(RefundPanel, {
        ticket: { orderReference: "NOPE-1", refundProposedMinor: 2000, refundCurrency: "EUR" },
        order: null,
        refundedElsewhereMinor: 0,
        decided: true,
        refund: {
          id: "r1",
          ticketId: "t1",
          orderId: "o1",
          amountMinor: 2000,
          currency: "EUR",
          status: "issued",
          createdAt: new Date("2026-11-30T11:00:00Z"),
          attempts: [
            {
              id: "a1",
              refundId: "r1",
              attempt: 1,
              outcome: "applied",
              detail: {},
              at: new Date("2026-11-30T11:00:00Z"),
            },
            {
              id: "a2",
              refundId: "r1",
              attempt: 2,
              outcome: "already_applied",
              detail: {},
              at: new Date("2026-11-30T11:01:00Z"),
            },
          ],
        },
      }),
    );
    expect(html).toContain("NOPE-1 — not on file for this customer");
    expect(html).toContain("Decided</dt>");
    expect(html).not.toContain("Proposed");
    expect(html).toContain("Refunded €20.00");
    expect(html).toContain("Attempt 1 · 2026-11-30 11:00 UTC · issued");
    expect(html).toContain("Attempt 2 · 2026-11-30 11:01 UTC · found already issued; nothing more paid");
  });
});
