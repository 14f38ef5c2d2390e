import { describe, expect, it } from "vitest";
import type { RateBook } from "../fx";
import {
  approvalsRequired,
  isSpending,
  mayAct,
  mayConfirmLink,
  type ApprovalFacts,
  type PolicyTask,
  type PolicyUser,
} from "./policy";

const approver: PolicyUser = {
  id: "u-approver",
  role: "approver",
  approvalLimitMinor: 750_000,
  approvalCurrency: "EUR",
};
const operator: PolicyUser = { id: "u-operator", role: "operator", approvalLimitMinor: 0, approvalCurrency: "EUR" };
const admin: PolicyUser = { id: "u-admin", role: "admin", approvalLimitMinor: 10_000_000, approvalCurrency: "EUR" };
const spend: PolicyTask = {
  type: "APPROVE_SPEND",
  status: "open",
  amountMinor: 500_000,
  currency: "EUR",
  uploadedBy: "u-operator",
};
const rates: RateBook = {
  base: "EUR",
  on: "2026-03-02",
  rates: {
    USD: { base: "EUR", currency: "USD", rate: "1.25", effectiveFrom: "2026-03-01" },
    INR: { base: "EUR", currency: "INR", rate: "100", effectiveFrom: "2026-02-27" },
  },
};
const facts: ApprovalFacts = { approvedBy: [], fieldEditors: [], rates };

describe("mayAct", () => {
  it("lets an approver approve spend within their limit", () => {
    expect(mayAct(approver, spend, "approve", facts)).toEqual({ allowed: true });
  });

  it("refuses spend over the limit, saying both amounts", () => {
    expect(mayAct(approver, { ...spend, amountMinor: 1_240_000 }, "approve", facts)).toEqual({
      allowed: false,
      reason: "€12,400.00 is over your approval limit of €7,500.00.",
    });
  });

  it("converts another currency into the limit's with today's rate", () => {
    // $9,000.00 / 1.25 = €7,200.00, within €7,500.00
    expect(mayAct(approver, { ...spend, currency: "USD", amountMinor: 900_000 }, "approve", facts)).toEqual({
      allowed: true,
    });
    // ₹7,50,001.00 / 100 = €7,500.01
    expect(mayAct(approver, { ...spend, currency: "INR", amountMinor: 75_000_100 }, "approve", facts)).toEqual({
      allowed: false,
      reason: "₹750,001.00 (€7,500.01) is over your approval limit of €7,500.00.",
    });
  });

  it("crosses currencies through the base for a limit that is not in it", () => {
    const dollars: PolicyUser = { ...approver, approvalCurrency: "USD", approvalLimitMinor: 10_000 };
    // ₹8,000.00 / 100 × 1.25 = $100.00 exactly; one rupee more is over
    expect(mayAct(dollars, { ...spend, currency: "INR", amountMinor: 800_000 }, "approve", facts)).toEqual({
      allowed: true,
    });
    expect(mayAct(dollars, { ...spend, currency: "INR", amountMinor: 800_100 }, "approve", facts)).toMatchObject({
      allowed: false,
    });
  });

  it("says which rate is missing and who adds it, rather than refusing in silence", () => {
    expect(mayAct(approver, { ...spend, currency: "PLN" }, "approve", facts)).toEqual({
      allowed: false,
      reason:
        "No exchange rate for PLN against EUR is in effect on 2026-03-02; an admin adds it in Settings → Exchange rates.",
    });
  });

  it("never lets the uploader approve their own document", () => {
    expect(mayAct(approver, { ...spend, uploadedBy: approver.id }, "approve", facts)).toEqual({
      allowed: false,
      reason: "You uploaded this document; someone else must approve it.",
    });
  });

  it("never lets someone who corrected the fields approve the spend", () => {
    expect(mayAct(approver, spend, "approve", { ...facts, fieldEditors: ["u-operator", approver.id] })).toEqual({
      allowed: false,
      reason: "You corrected this document's fields; someone else must approve it.",
    });
    expect(mayAct(approver, spend, "approve", { ...facts, fieldEditors: ["u-operator"] })).toEqual({ allowed: true });
  });

  it("lets an editor still reject, and decide tasks that commit no money", () => {
    const edited = { ...facts, fieldEditors: [approver.id] };
    expect(mayAct(approver, spend, "reject")).toEqual({ allowed: true });
    expect(mayAct(approver, { ...spend, type: "REVIEW_EXTRACTION" }, "approve", edited)).toEqual({ allowed: true });
    expect(
      mayAct(admin, { ...spend, type: "HIGH_RISK_ACTION" }, "approve", { ...facts, fieldEditors: [admin.id] }),
    ).toMatchObject({ allowed: false });
  });

  it("keeps operators to review and duplicate tasks", () => {
    expect(mayAct(operator, spend, "approve", facts)).toMatchObject({
      allowed: false,
      reason: "Only approvers or admins decide this kind of task.",
    });
    expect(mayAct(operator, { ...spend, type: "REVIEW_EXTRACTION" }, "approve", facts)).toEqual({ allowed: true });
  });

  it("leaves bank detail changes to admins", () => {
    expect(mayAct(approver, { ...spend, type: "CONFIRM_BANK_CHANGE" }, "approve", facts).allowed).toBe(false);
    expect(mayAct(admin, { ...spend, type: "CONFIRM_BANK_CHANGE" }, "approve", facts).allowed).toBe(true);
  });

  it("lets a decider reject whatever the amount", () => {
    expect(mayAct(approver, { ...spend, amountMinor: 99_000_000 }, "reject")).toEqual({ allowed: true });
  });

  it("refuses any action on a task that is no longer open", () => {
    expect(mayAct(admin, { ...spend, status: "resolved" }, "approve", facts)).toEqual({
      allowed: false,
      reason: "This task is resolved.",
    });
  });
});

describe("four eyes", () => {
  it("asks two approvers for spend at or above the threshold, one below it and for reviews", () => {
    expect(
      approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 1_000_000, currency: "EUR" }, 1_000_000, rates),
    ).toBe(2);
    expect(approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 999_999, currency: "EUR" }, 1_000_000, rates)).toBe(
      1,
    );
    expect(
      approvalsRequired({ type: "REVIEW_EXTRACTION", amountMinor: 5_000_000, currency: "EUR" }, 1_000_000, rates),
    ).toBe(1);
  });

  it("measures the threshold in the base currency, so ₹10,000 is not €10,000", () => {
    expect(
      approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 1_000_000, currency: "INR" }, 1_000_000, rates),
    ).toBe(1);
    expect(
      approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 100_000_000, currency: "INR" }, 1_000_000, rates),
    ).toBe(2);
    expect(
      approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 1_250_000, currency: "USD" }, 1_000_000, rates),
    ).toBe(2);
  });

  it("asks for two when the amount cannot be converted", () => {
    expect(approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 100, currency: "PLN" }, 1_000_000, rates)).toBe(2);
  });

  it("never lets the first approver count twice", () => {
    expect(mayAct(approver, spend, "approve", { ...facts, approvedBy: [approver.id] })).toEqual({
      allowed: false,
      reason: "You have approved; a second approver must confirm.",
    });
    expect(mayAct(approver, spend, "approve", { ...facts, approvedBy: ["someone-else"] })).toEqual({ allowed: true });
  });
});

describe("isSpending", () => {
  it("names the tasks whose approval commits money", () => {
    expect(
      ["APPROVE_SPEND", "HIGH_RISK_ACTION", "CONFIRM_PRICE_CHANGE", "CONFIRM_BANK_CHANGE"].every((t) =>
        isSpending(t as PolicyTask["type"]),
      ),
    ).toBe(true);
    expect(isSpending("REVIEW_EXTRACTION")).toBe(false);
    expect(isSpending("CONFIRM_DUPLICATE")).toBe(false);
  });
});

describe("mayConfirmLink", () => {
  const recipient = { id: "u-approver", name: "Ada Approver" };

  it("lets the recipient confirm, signed in or not", () => {
    expect(mayConfirmLink(recipient, null)).toEqual({ allowed: true });
    expect(mayConfirmLink(recipient, { id: "u-approver" })).toEqual({ allowed: true });
  });

  it("refuses anyone else signed in, admins included, naming whom the link is for", () => {
    expect(mayConfirmLink(recipient, { id: "u-admin" })).toEqual({
      allowed: false,
      reason:
        "This link was sent to Ada Approver and acts only for them. You are signed in as someone else: decide in your own inbox instead.",
    });
  });
});
