import { describe, expect, it } from "vitest";
import { decisionRecordView } from "@/app/(app)/inbox/[taskId]/_components/decision-record-view";
import { issueActionTokens } from "@/db/queries/action-tokens";
import { getDecisionRecord } from "@/db/queries/decision-record";
import { saveExtraction } from "@/db/queries/documents";
import { expireTask, openTaskForDocument } from "@/db/queries/tasks";
import { makeExtraction } from "@/domain/rules/test-factory";
import { fieldValues } from "@/domain/tasks/edits";
import { confirmActionLink } from "@/services/tasks/confirm-link";
import { decide } from "@/services/tasks/decide";
import { openTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { storeTextInvoice } from "../factories/documents";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

const approverWith = (limit: number) => makeUser({ role: "approver", approvalLimitMinor: limit });

/** A review task on an invoice read as €5,000.00, with the total's evidence on page 1. */
async function reviewTask() {
  const document = await storeTextInvoice();
  const extraction = makeExtraction({ totalMinor: 500_000, subtotalMinor: 500_000, taxMinor: 0, currency: "EUR" });
  extraction.fields.totalMinor.evidence = { page: 1, start: 0, end: 9, text: "Total 5000" };
  const extractionId = await saveExtraction(document.id, extraction);
  const task = await openTaskForDocument({
    documentId: document.id,
    type: "REVIEW_EXTRACTION",
    title: "Check invoice",
    description: "",
    reasons: [],
    proposed: { findings: [], extractionId, fields: fieldValues(extraction) },
    assignedRole: "approver",
    amountMinor: 500_000,
    currency: "EUR",
    deadlineAt: new Date(Date.now() + 3_600_000),
  });
  return { task, extractionId };
}

describe("a task's decision record", () => {
  it("is not there while the task is open", async () => {
    const task = await openTask();
    expect(await getDecisionRecord(task.id)).toBeUndefined();
    expect(await getDecisionRecord("not-a-task")).toBeUndefined();
  });

  it("names who approved, when, and each field they changed from what to what, with the evidence on screen", async () => {
    const { task, extractionId } = await reviewTask();
    const approver = await approverWith(750_000);
    const result = await decide(approver, task.id, {
      action: "edit_and_approve",
      extractionId,
      edits: { totalMinor: "5,100.00", dueDate: "2026-12-31" },
    });
    expect(result).toMatchObject({ ok: true, data: { resolved: true } });

    const record = await getDecisionRecord(task.id);
    expect(record?.decidedBy).toMatchObject({ id: approver.id, email: approver.email });
    expect(record?.approvals.map((a) => a.id)).toEqual([approver.id]);
    expect(record?.linksUsed).toEqual([]);
    const view = record && decisionRecordView(record);
    expect(view).toMatchObject({
      outcome: "Approved with corrections",
      by: `${approver.name} (${approver.email})`,
      reason: null,
      changes: [
        { label: "due date", from: "empty", to: "2026-12-31" },
        { label: "total", from: "€5,000.00", to: "€5,100.00" },
      ],
      shown: expect.arrayContaining([{ label: "total", page: 1, text: "Total 5000", confidence: "99 %" }]) as unknown,
      other: [],
    });
    expect(view?.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  });

  it("states a rejection's reason", async () => {
    const task = await openTask();
    const approver = await approverWith(1_000_000);
    expect(await decide(approver, task.id, { action: "reject", reason: "Not our order" })).toMatchObject({ ok: true });
    const record = await getDecisionRecord(task.id);
    expect(record?.approvals).toEqual([]);
    expect(record && decisionRecordView(record)).toMatchObject({
      outcome: "Rejected",
      by: `${approver.name} (${approver.email})`,
      reason: "Not our order",
      changes: [],
    });
  });

  it("lists both four-eyes approvals one by one, in the order they were given", async () => {
    const task = await openTask({ amountMinor: 2_000_000 });
    const [first, second] = [await approverWith(5_000_000), await approverWith(5_000_000)];
    expect(await decide(first, task.id, { action: "approve" })).toMatchObject({ ok: true, data: { resolved: false } });
    expect(await decide(second, task.id, { action: "approve" })).toMatchObject({ ok: true, data: { resolved: true } });
    const record = await getDecisionRecord(task.id);
    expect(record?.decidedBy?.id).toBe(second.id);
    expect(record?.approvals.map((a) => a.id)).toEqual([first.id, second.id]);
    expect(record?.approvals.every((a) => a.at instanceof Date)).toBe(true);
    expect(record && decisionRecordView(record).approvals.map((a) => a.who)).toEqual([
      `${first.name} (${first.email})`,
      `${second.name} (${second.email})`,
    ]);
  });

  it("names the emailed link a decision was made with, whose it was and when it was used", async () => {
    const task = await openTask();
    const approver = await approverWith(1_000_000);
    const { reject } = await issueActionTokens(task.id, approver.id, ["approve", "reject"], task.deadlineAt);
    expect(await confirmActionLink({ token: reject ?? "", reason: "Wrong vendor" }, null)).toMatchObject({
      done: true,
    });
    const record = await getDecisionRecord(task.id);
    expect(record?.linksUsed).toEqual([
      {
        action: "reject",
        recipient: expect.objectContaining({ id: approver.id }) as unknown,
        usedAt: expect.any(Date) as unknown,
      },
    ]);
    const view = record && decisionRecordView(record);
    expect(view?.reason).toBe("Wrong vendor");
    expect(view?.links[0]).toMatch(new RegExp(`^reject link emailed to .*${approver.email}.*, used \\d{4}-`));
  });

  it("says nobody decided an expired task, with the deadline's reason", async () => {
    const task = await openTask();
    await expireTask(task.id, "No decision before the deadline: not posted");
    const record = await getDecisionRecord(task.id);
    expect(record && decisionRecordView(record)).toMatchObject({
      outcome: "Expired: nobody decided before the deadline",
      by: "Nobody: the deadline passed",
      reason: "No decision before the deadline: not posted",
      approvals: [],
    });
  });
});
