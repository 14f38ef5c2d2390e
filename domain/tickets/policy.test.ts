import { describe, expect, it } from "vitest";
import type { RateBook } from "../fx";
import type { PolicyUser } from "../tasks/policy";
import { mayDecideTicket, ticketApprovalsRequired, type TicketPolicyFacts } from "./policy";

const rates: RateBook = {
  base: "EUR",
  on: "2026-03-02",
  rates: { USD: { base: "EUR", currency: "USD", rate: "1.25", effectiveFrom: "2026-03-01" } },
};
const operator: PolicyUser = { id: "u-op", role: "operator", approvalLimitMinor: 0, approvalCurrency: "EUR" };
const approver: PolicyUser = { id: "u-ap", role: "approver", approvalLimitMinor: 10_000, approvalCurrency: "EUR" };
const usdApprover: PolicyUser = { id: "u-us", role: "approver", approvalLimitMinor: 10_000, approvalCurrency: "USD" };

const facts = (over: Partial<TicketPolicyFacts> = {}): TicketPolicyFacts => ({
  task: { status: "open" },
  createdBy: null,
  refund: { amountMinor: null, currency: null },
  approvedBy: [],
  rates,
  ...over,
});

describe("mayDecideTicket", () => {
  it("lets an operator approve a reply that refunds nothing, and reject or escalate any ticket", () => {
    expect(mayDecideTicket(operator, "approve", facts())).toEqual({ allowed: true });
    expect(mayDecideTicket(operator, "edit_and_approve", facts())).toEqual({ allowed: true });
    const refund = { amountMinor: 4_990, currency: "EUR" };
    expect(mayDecideTicket(operator, "reject", facts({ refund }))).toEqual({ allowed: true });
    expect(mayDecideTicket(operator, "escalate", facts({ refund }))).toEqual({ allowed: true });
  });

  it("refuses an operator a refund over their limit of nothing, naming both amounts", () => {
    expect(mayDecideTicket(operator, "approve", facts({ refund: { amountMinor: 4_990, currency: "EUR" } }))).toEqual({
      allowed: false,
      reason: "€49.90 is over your approval limit of €0.00.",
    });
  });

  it("judges a refund in another currency in the approver's limit currency at the book's rate", () => {
    // €80.00 × 1.25 = $100.00: exactly the USD approver's limit.
    expect(mayDecideTicket(usdApprover, "approve", facts({ refund: { amountMinor: 8_000, currency: "EUR" } }))).toEqual(
      { allowed: true },
    );
    // €80.04 × 1.25 = $100.05, over it.
    expect(mayDecideTicket(usdApprover, "approve", facts({ refund: { amountMinor: 8_004, currency: "EUR" } }))).toEqual(
      { allowed: false, reason: "€80.04 (US$100.05) is over your approval limit of US$100.00." },
    );
  });

  it("refuses a currency the book cannot convert, saying why", () => {
    const answer = mayDecideTicket(approver, "approve", facts({ refund: { amountMinor: 100, currency: "JPY" } }));
    expect(answer.allowed).toBe(false);
    expect(!answer.allowed && answer.reason).toContain("JPY");
  });

  it("never lets someone approve a ticket they typed in, but lets them reject it", () => {
    const own = facts({ createdBy: approver.id });
    expect(mayDecideTicket(approver, "approve", own)).toEqual({
      allowed: false,
      reason: "You wrote this ticket in yourself; someone else must approve the reply.",
    });
    expect(mayDecideTicket(approver, "edit_and_approve", own).allowed).toBe(false);
    expect(mayDecideTicket(approver, "reject", own)).toEqual({ allowed: true });
  });

  it("asks a second approver under four eyes instead of letting the first approve twice", () => {
    const refund = { amountMinor: 5_000, currency: "EUR" };
    expect(mayDecideTicket(approver, "approve", facts({ refund, approvedBy: [approver.id] }))).toEqual({
      allowed: false,
      reason: "You have approved; a second approver must confirm.",
    });
  });

  it("refuses every decision on a task that is no longer open", () => {
    expect(mayDecideTicket(approver, "reject", facts({ task: { status: "expired" } }))).toEqual({
      allowed: false,
      reason: "This task is expired.",
    });
  });
});

describe("ticketApprovalsRequired", () => {
  it("asks two approvers for a refund at or above the threshold in the base currency, converted", () => {
    expect(ticketApprovalsRequired({ amountMinor: null, currency: null }, 10_000, rates)).toBe(1);
    expect(ticketApprovalsRequired({ amountMinor: 9_999, currency: "EUR" }, 10_000, rates)).toBe(1);
    expect(ticketApprovalsRequired({ amountMinor: 10_000, currency: "EUR" }, 10_000, rates)).toBe(2);
    // $12,500 / 1.25 = €10,000.
    expect(ticketApprovalsRequired({ amountMinor: 12_500, currency: "USD" }, 10_000, rates)).toBe(2);
    expect(ticketApprovalsRequired({ amountMinor: 12_495, currency: "USD" }, 10_000, rates)).toBe(1);
  });
});
