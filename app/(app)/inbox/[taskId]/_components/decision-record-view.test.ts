import { describe, expect, it } from "vitest";
import type { DecisionRecordData } from "@/db/queries/decision-record";
import { decisionRecordView } from "./decision-record-view";

const ann = { id: "u-1", name: "Ann", email: "ann@keel.test" };

function record(task: Partial<DecisionRecordData["task"]>): DecisionRecordData {
  return {
    task: {
      id: "t-1",
      status: "resolved",
      resolvedAt: new Date("2026-03-02T10:00:00Z"),
      action: "approve",
      parameters: {},
      decided: null,
      currency: "EUR",
      amountMinor: 100,
      proposed: {},
      ...task,
    },
    decidedBy: ann,
    approvals: [],
    linksUsed: [],
  };
}

describe("the decision record's wording", () => {
  it("states the rate an approval's limit was judged at", () => {
    const conversion = {
      fromMinor: 10_000,
      fromCurrency: "USD",
      toMinor: 9_000,
      toCurrency: "EUR",
      on: "2026-03-02",
      legs: [{ base: "EUR", currency: "USD", rate: "1.1111", effectiveFrom: "2026-03-01" }],
    };
    expect(decisionRecordView(record({ parameters: { conversion } })).rate).toBe(
      "US$100.00 = €90.00 at 1 EUR = 1.1111 USD (effective 2026-03-01)",
    );
  });

  it("leaves out parts recorded in another shape instead of failing, naming the parameters it knows", () => {
    const view = decisionRecordView(
      record({
        action: "create_vendor",
        parameters: {
          reason: 42,
          changes: "none",
          shown: [{ field: 1 }],
          bankCheckedOutOfBand: true,
          extractionId: "x",
          note: { by: "import" },
        },
      }),
    );
    expect(view).toMatchObject({
      outcome: "Vendor created",
      at: "2026-03-02 10:00 UTC",
      reason: null,
      rate: null,
      changes: [],
      shown: [],
      other: [
        { name: "Bank details checked by phone", value: "yes" },
        { name: "note", value: '{"by":"import"}' },
      ],
    });
  });

  it("names someone whose account is gone, and spells an action it has no word for", () => {
    const view = decisionRecordView({ ...record({ action: "hold_payment" }), decidedBy: null });
    expect(view.by).toBe("A person no longer in Keel");
    expect(view.outcome).toBe("hold payment");
  });
});

describe("a ticket's decision record", () => {
  const proposed = { kind: "ticket" as const, reply: "We will refund you.", refundMinor: 4_990, currency: "EUR" };

  it("states the reply and refund as decided and what the person changed from the draft", () => {
    const view = decisionRecordView(
      record({
        action: "edit_and_approve",
        proposed,
        parameters: { reply: "Refunded €40.", refundMinor: 4_000, currency: "EUR", approvers: ["u-1"] },
      }),
    );
    expect(view.ticket).toEqual({ reply: "Refunded €40.", refund: "€40.00" });
    expect(view.changes).toEqual([
      { label: "Reply", from: "We will refund you.", to: "Refunded €40." },
      { label: "Refund", from: "€49.90", to: "€40.00" },
    ]);
    expect(view.other).toEqual([]);
  });

  it("says an escalation sent nothing and keeps its reason, without a reply as if it were sent", () => {
    const view = decisionRecordView(
      record({
        action: "escalate",
        proposed,
        parameters: { reply: proposed.reply, refundMinor: 4_990, currency: "EUR", reason: "Legal threat" },
      }),
    );
    expect(view).toMatchObject({ outcome: "Escalated: nothing was sent or refunded", reason: "Legal threat" });
    expect(view.ticket).toBeNull();
    expect(view.other).toEqual([]);
  });
});
