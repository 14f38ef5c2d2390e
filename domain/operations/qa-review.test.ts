import { describe, expect, it } from "vitest";
import { deadlineLadder } from "../tasks/ladder";
import { taskRole } from "../tasks/describe";
import { mayAct } from "../tasks/policy";
import { defaultThresholds } from "../thresholds";
import { qaActionSchemas, qaFindingRecords, qaReviewReason } from "./qa-review";

const task = { type: "QA_REVIEW" as const, status: "open", amountMinor: 3_060, currency: "EUR", uploadedBy: null };
const user = (role: "operator" | "approver" | "admin") => ({
  id: `${role}-1`,
  role,
  approvalLimitMinor: 0,
  approvalCurrency: "EUR",
});

describe("QA review", () => {
  it("lands with approvers, is decided by approvers and admins, and has a week", () => {
    expect(taskRole.QA_REVIEW).toBe("approver");
    expect(mayAct(user("approver"), task, "reject")).toEqual({ allowed: true });
    expect(mayAct(user("admin"), task, "reject")).toEqual({ allowed: true });
    expect(mayAct(user("operator"), task, "reject")).toEqual({
      allowed: false,
      reason: "Only approvers or admins decide this kind of task.",
    });
    expect(defaultThresholds.deadlineHours.QA_REVIEW).toBe(168);
  });

  it("never escalates: its ladder only reminds", () => {
    const opened = new Date("2026-11-30T00:00:00Z");
    const ladder = deadlineLadder("QA_REVIEW", opened, new Date(opened.getTime() + 168 * 3_600_000));
    expect(ladder.map((r) => r.rung.kind)).toEqual(["remind", "remind"]);
  });

  it("says why it was opened, with the share in percent", () => {
    expect(qaReviewReason(0.01)).toBe(
      "Sampled for QA: 1 % of documents posted without a person get a second look. Nothing waits on it and the posting stands.",
    );
    expect(qaReviewReason(0.025)).toMatch(/^Sampled for QA: 2\.5 % /);
  });

  it("takes reported errors as the corrections of a review task", () => {
    const extractionId = "6f1c1e4e-2b0a-4d3c-9a51-0c1f7a2b9e11";
    expect(qaActionSchemas.report_errors.safeParse({ extractionId, edits: { totalMinor: "30.40" } }).success).toBe(
      true,
    );
    expect(qaActionSchemas.report_errors.safeParse({ edits: { totalMinor: "30.40" } }).success).toBe(false);
    expect(qaActionSchemas.confirm.safeParse({}).success).toBe(true);
  });

  it("records reported errors as a field correction, and a timeline line that says the posting is unchanged", () => {
    const changes = [{ field: "totalMinor", label: "Total", proposed: 3_060, decided: 3_040 }];
    const records = qaFindingRecords(
      { id: "task-1", documentId: "doc-1", amountMinor: 3_060, currency: "EUR" },
      { id: "user-1", label: "ann@example.com" },
      changes,
      "EUR",
    );
    expect(records.audit).toEqual({
      actor: { id: "user-1", label: "ann@example.com" },
      action: "task.fields_edited",
      subjectType: "task",
      subjectId: "task-1",
      correlationId: "doc-1",
      before: { amountMinor: 3_060, currency: "EUR" },
      after: { changes, voidedApprovals: [], qaReview: true },
    });
    expect(records.timeline).toMatchObject({
      documentId: "doc-1",
      label:
        "ann@example.com reported reading errors in a QA review: Total: €30.60 → €30.40 (the posted document is unchanged)",
    });
  });
});
