import { describe, expect, it } from "vitest";
import { changesDraft, decidedDraft, decisionSummary, refundProblem, ticketDecisionSchema } from "./decision";

const draft = { reply: "We will refund you.", refundMinor: 4_990, currency: "EUR" };

describe("ticket decisions", () => {
  it("sends the draft as it stands on approval and the edit on edit-and-approve", () => {
    expect(decidedDraft({ action: "approve" }, draft, "EUR")).toEqual(draft);
    const edit = { action: "edit_and_approve" as const, reply: "Refunded €40.", refundMinor: 4_000 };
    expect(decidedDraft(edit, draft, "EUR")).toEqual({ reply: "Refunded €40.", refundMinor: 4_000, currency: "EUR" });
    expect(decidedDraft({ ...edit, refundMinor: null }, draft, "EUR")).toMatchObject({ currency: null });
    // A refund added to a draft that had none takes the order's currency.
    const none = { reply: "Hi", refundMinor: null, currency: null };
    expect(decidedDraft(edit, none, "GBP")).toMatchObject({ refundMinor: 4_000, currency: "GBP" });
    expect(changesDraft(decidedDraft(edit, draft, "EUR"), draft)).toBe(true);
    expect(changesDraft(draft, draft)).toBe(false);
  });

  it("says who decided what in one sentence", () => {
    expect(decisionSummary({ action: "approve" }, "ann@x.test", draft)).toBe(
      "ann@x.test approved the reply with a refund of €49.90.",
    );
    expect(decisionSummary({ action: "approve" }, "bob@x.test", draft, ["ann@x.test", "bob@x.test"])).toBe(
      "ann@x.test and bob@x.test approved the reply with a refund of €49.90.",
    );
    expect(decisionSummary({ action: "reject", reason: "Not our order" }, "ann@x.test", draft)).toBe(
      "ann@x.test rejected the ticket: Not our order",
    );
  });

  it("checks a decision's fields with messages that say what to fix", () => {
    const empty = ticketDecisionSchema.safeParse({ action: "edit_and_approve", reply: " ", refundMinor: null });
    expect(empty.error?.issues[0]?.message).toBe("Write the reply the customer gets; it cannot be empty.");
    const negative = ticketDecisionSchema.safeParse({ action: "edit_and_approve", reply: "Hi", refundMinor: -1 });
    expect(negative.error?.issues[0]?.message).toContain("cannot be negative");
    expect(ticketDecisionSchema.safeParse({ action: "reject", reason: "no" }).success).toBe(false);
    expect(ticketDecisionSchema.parse({ action: "edit_and_approve", reply: "Hi", refundMinor: 0 })).toEqual({
      action: "edit_and_approve",
      reply: "Hi",
      refundMinor: null,
    });
  });
});

describe("refundProblem", () => {
  const order = { reference: "DEMO-1001", currency: "EUR", totalMinor: 4_990, refundedMinor: 0 };

  it("passes a refund in the order's currency up to its total, and no refund at all", () => {
    expect(refundProblem(draft, order)).toBeNull();
    expect(refundProblem({ ...draft, refundMinor: null, currency: null }, null)).toBeNull();
  });

  it("refuses a refund without an order, in another currency, or above the total, saying what to do", () => {
    expect(refundProblem(draft, null)).toContain("no order on file");
    expect(refundProblem({ ...draft, currency: "USD" }, order)).toBe(
      "The refund is in USD but order DEMO-1001 was paid in EUR: edit the refund (it is then in EUR), or reject the ticket.",
    );
    expect(refundProblem({ ...draft, refundMinor: 4_991 }, order)).toBe(
      "A refund of €49.91 is more than order DEMO-1001's total of €49.90: lower it, or escalate the ticket.",
    );
  });

  it("refuses more than is left after the order's other refunds, so an approval never fails at the refund step", () => {
    const partly = { ...order, refundedMinor: 4_000 };
    expect(refundProblem({ ...draft, refundMinor: 990 }, partly)).toBeNull();
    expect(refundProblem({ ...draft, refundMinor: 1_000 }, partly)).toBe(
      "A refund of €10.00 is more than the €9.90 left on order DEMO-1001 (€40.00 was already refunded on other tickets): lower it, or escalate the ticket.",
    );
  });
});
