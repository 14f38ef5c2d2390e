import { describe, expect, it } from "vitest";
import { approvalsRequired, mayAct, mayConfirmLink, type PolicyTask, type PolicyUser } from "./policy";

const approver: PolicyUser = { id: "u-approver", role: "approver", approvalLimitMinor: 750_000, approvalCurrency: "EUR" };
const operator: PolicyUser = { id: "u-operator", role: "operator", approvalLimitMinor: 0, approvalCurrency: "EUR" };
const admin: PolicyUser = { id: "u-admin", role: "admin", approvalLimitMinor: 10_000_000, approvalCurrency: "EUR" };
const spend: PolicyTask = { type: "APPROVE_SPEND", status: "open", amountMinor: 500_000, currency: "EUR", uploadedBy: "u-operator" };

describe("mayAct", () => {
  it("lets an approver approve spend within their limit", () => {
    expect(mayAct(approver, spend, "approve")).toEqual({ allowed: true });
  });

  it("refuses spend over the limit, saying both amounts", () => {
    expect(mayAct(approver, { ...spend, amountMinor: 1_240_000 }, "approve")).toEqual({
      allowed: false,
      reason: "€12,400.00 is over your approval limit of €7,500.00.",
    });
  });

  it("refuses a limit in another currency rather than guessing a rate", () => {
    expect(mayAct(approver, { ...spend, currency: "USD" }, "approve")).toEqual({ allowed: false, reason: "Your approval limit is in EUR; this amount is in USD." });
  });

  it("never lets the uploader approve their own document", () => {
    expect(mayAct(approver, { ...spend, uploadedBy: approver.id }, "approve")).toEqual({ allowed: false, reason: "You uploaded this document; someone else must approve it." });
  });

  it("keeps operators to review and duplicate tasks", () => {
    expect(mayAct(operator, spend, "approve")).toMatchObject({ allowed: false, reason: "Only approvers or admins decide this kind of task." });
    expect(mayAct(operator, { ...spend, type: "REVIEW_EXTRACTION" }, "approve")).toEqual({ allowed: true });
  });

  it("leaves bank detail changes to admins", () => {
    expect(mayAct(approver, { ...spend, type: "CONFIRM_BANK_CHANGE" }, "approve").allowed).toBe(false);
    expect(mayAct(admin, { ...spend, type: "CONFIRM_BANK_CHANGE" }, "approve").allowed).toBe(true);
  });

  it("lets a decider reject whatever the amount", () => {
    expect(mayAct(approver, { ...spend, amountMinor: 99_000_000 }, "reject")).toEqual({ allowed: true });
  });

  it("refuses any action on a task that is no longer open", () => {
    expect(mayAct(admin, { ...spend, status: "resolved" }, "approve")).toEqual({ allowed: false, reason: "This task is resolved." });
  });
});

describe("four eyes", () => {
  it("asks two approvers for spend at or above the threshold, one below it and for reviews", () => {
    expect(approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 1_000_000 }, 1_000_000)).toBe(2);
    expect(approvalsRequired({ type: "APPROVE_SPEND", amountMinor: 999_999 }, 1_000_000)).toBe(1);
    expect(approvalsRequired({ type: "REVIEW_EXTRACTION", amountMinor: 5_000_000 }, 1_000_000)).toBe(1);
  });

  it("never lets the first approver count twice", () => {
    expect(mayAct(approver, spend, "approve", [approver.id])).toEqual({ allowed: false, reason: "You have approved; a second approver must confirm." });
    expect(mayAct(approver, spend, "approve", ["someone-else"])).toEqual({ allowed: true });
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
      reason: "This link was sent to Ada Approver and acts only for them. You are signed in as someone else: decide in your own inbox instead.",
    });
  });
});
