import { describe, expect, it } from "vitest";
import { taskTypes } from "../routing";
import { actionAvailable, actionSchemas, approversOf } from "./actions";

describe("task actions", () => {
  it("offers every action on every type but a bank detail change, which is approved or rejected as it stands, a new vendor, a QA review and a ticket", () => {
    const restricted = ["CONFIRM_BANK_CHANGE", "CONFIRM_NEW_VENDOR", "QA_REVIEW", "TICKET_REVIEW"];
    for (const type of taskTypes.filter((t) => !restricted.includes(t))) {
      for (const action of ["approve", "edit_and_approve", "reject", "ask_vendor"] as const)
        expect(actionAvailable(type, action)).toEqual({ allowed: true });
    }
    expect(actionAvailable("CONFIRM_BANK_CHANGE", "approve")).toEqual({ allowed: true });
    expect(actionAvailable("CONFIRM_BANK_CHANGE", "reject")).toEqual({ allowed: true });
    expect(actionAvailable("CONFIRM_BANK_CHANGE", "ask_vendor")).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("by phone") as string,
    });
    expect(actionAvailable("CONFIRM_BANK_CHANGE", "edit_and_approve").allowed).toBe(false);
    expect(actionAvailable("TICKET_REVIEW", "edit_and_approve")).toEqual({ allowed: true });
    expect(actionAvailable("TICKET_REVIEW", "ask_vendor")).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("no vendor") as string,
    });
  });

  it("approves a new vendor only by creating it, so the run never continues with the vendor still unknown", () => {
    expect(actionAvailable("CONFIRM_NEW_VENDOR", "approve")).toEqual({
      allowed: false,
      reason: "Approve by creating the vendor below, or reject the document.",
    });
    expect(actionAvailable("CONFIRM_NEW_VENDOR", "edit_and_approve").allowed).toBe(false);
    expect(actionAvailable("CONFIRM_NEW_VENDOR", "reject")).toEqual({ allowed: true });
  });

  it("offers none of the run's actions on a QA review, which is confirmed or reported after the document posted", () => {
    for (const action of ["approve", "edit_and_approve", "reject", "ask_vendor"] as const)
      expect(actionAvailable("QA_REVIEW", action).allowed).toBe(false);
  });

  it("validates each action's parameters with a message a person can act on", () => {
    expect(actionSchemas.reject.safeParse({ reason: " no " }).error?.issues[0]?.message).toBe(
      "Say why, so the uploader can act on it.",
    );
    expect(
      actionSchemas.edit_and_approve.safeParse({
        extractionId: "6f1c2b1e-8a4b-4c39-9d7e-0a1b2c3d4e5f",
        edits: { bankDetails: "x" },
      }).success,
    ).toBe(false);
    expect(
      actionSchemas.ask_vendor.safeParse({ to: "nope", subject: "Hi there", body: "Please confirm the total." }).error
        ?.issues[0]?.message,
    ).toBe("Type the vendor's email address, such as billing@vendor.com.");
  });
});

describe("approversOf", () => {
  it("takes everyone listed on a four-eyes decision, and the resolver of a single approval", () => {
    expect(approversOf({ approvers: ["u-1", "u-2"] }, "u-2")).toEqual(["u-1", "u-2"]);
    expect(approversOf({ extractionId: "x-1" }, "u-3")).toEqual(["u-3"]);
    expect(approversOf({ approvers: ["u-1", 7] }, "u-3")).toEqual(["u-3"]);
    expect(approversOf(null, null)).toEqual([]);
  });
});
