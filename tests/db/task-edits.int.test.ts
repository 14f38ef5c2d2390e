import { describe, expect, it } from "vitest";
import { getLatestExtraction, listDocumentEvents, saveExtraction } from "@/db/queries/documents";
import { getTaskById, listTaskApprovers, openTaskForDocument } from "@/db/queries/tasks";
import { makeExtraction } from "@/domain/rules/test-factory";
import { fieldValues } from "@/domain/tasks/edits";
import { decide } from "@/services/tasks/decide";
import { makeUser } from "../factories/users";
import { storeTextInvoice } from "../factories/documents";
import { withKeelDatabase } from "../setup/keel-database";

withKeelDatabase();

/** A task (APPROVE_SPEND unless said) on an invoice whose fields were read as `totalMinor` EUR. */
async function spendTask(totalMinor: number, type: "APPROVE_SPEND" | "REVIEW_EXTRACTION" = "APPROVE_SPEND") {
  const document = await storeTextInvoice();
  const extraction = makeExtraction({
    totalMinor,
    subtotalMinor: totalMinor,
    taxMinor: 0,
    currency: "EUR",
    lines: [{ quantity: 1, unitPriceMinor: totalMinor }],
  });
  extraction.fields.totalMinor.evidence = { page: 1, start: 0, end: 9, text: "Total 123" };
  const extractionId = await saveExtraction(document.id, extraction);
  const task = await openTaskForDocument({
    documentId: document.id,
    type,
    title: "Approve invoice INV-1001",
    description: "",
    reasons: [],
    proposed: { findings: [], extractionId, fields: fieldValues(extraction) },
    assignedRole: "approver",
    amountMinor: totalMinor,
    currency: "EUR",
    deadlineAt: new Date(Date.now() + 3_600_000),
  });
  return { task, extractionId, documentId: document.id };
}

describe("edit fields, then approve", () => {
  it("records what changed against the proposal, and the evidence that was on screen", async () => {
    const { task, extractionId, documentId } = await spendTask(500_000, "REVIEW_EXTRACTION");
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const result = await decide(approver, task.id, {
      action: "edit_and_approve",
      extractionId,
      edits: { totalMinor: "5,100.00", dueDate: "2026-12-31" },
    });
    expect(result).toMatchObject({ ok: true, data: { resolved: true } });

    const decided = await getTaskById(task.id);
    expect(decided).toMatchObject({
      status: "resolved",
      action: "edit_and_approve",
      resolvedBy: approver.id,
      amountMinor: 510_000,
      title: "Check the fields read from invoice INV-1001 from ACME Ltd",
    });
    expect(decided?.parameters).toMatchObject({
      changes: [
        { field: "dueDate", proposed: null, decided: "2026-12-31" },
        { field: "totalMinor", proposed: 500_000, decided: 510_000 },
      ],
      extractionId,
      shown: expect.arrayContaining([{ field: "totalMinor", confidence: 0.99, page: 1, text: "Total 123" }]) as unknown,
    });
    expect(decided?.decided).toMatchObject({ totalMinor: 510_000, dueDate: "2026-12-31", vendorName: "ACME Ltd" });

    const latest = await getLatestExtraction(documentId);
    expect(latest?.provider).toBe(`person:${approver.email}`);
    expect(latest?.extraction.fields.totalMinor).toEqual({ value: 510_000, confidence: 1, evidence: null });
    expect((await listDocumentEvents(documentId)).map((e) => e.label)).toEqual(
      expect.arrayContaining([
        `${approver.email} corrected due date: empty → 2026-12-31; total: €5,000.00 → €5,100.00`,
        expect.stringMatching(/chose edit and approve/),
      ]),
    );
  });

  it("saves a spending task's corrections without approving it: whoever corrects may not also approve", async () => {
    const { task, extractionId, documentId } = await spendTask(500_000);
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const result = await decide(approver, task.id, {
      action: "edit_and_approve",
      extractionId,
      edits: { totalMinor: "5,100.00" },
    });
    expect(result).toEqual({ ok: true, data: { resolved: false, documentId, ticketId: null, correctedOnly: true } });
    expect(await getTaskById(task.id)).toMatchObject({
      status: "open",
      amountMinor: 510_000,
      title: "Approve invoice INV-1001 from ACME Ltd (€5,100.00)",
    });
    expect(await listTaskApprovers(task.id)).toEqual([]);
    const corrected = (await getLatestExtraction(documentId))?.id;
    expect(await decide(approver, task.id, { action: "approve", extractionId: corrected })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: "You corrected this document's fields; someone else must approve it.",
    });
  });

  it("judges another approver's limit on the corrected amount", async () => {
    const { task, extractionId, documentId } = await spendTask(500_000);
    const editor = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    await decide(editor, task.id, { action: "edit_and_approve", extractionId, edits: { totalMinor: "9000" } });
    const corrected = (await getLatestExtraction(documentId))?.id;
    expect(await decide(approver, task.id, { action: "approve", extractionId: corrected })).toEqual({
      ok: false,
      code: "forbidden:task",
      message: "€9,000.00 is over your approval limit of €7,500.00.",
    });
    expect(await getTaskById(task.id)).toMatchObject({ status: "open", amountMinor: 900_000 });
  });

  it("says per field what to fix", async () => {
    const { task, extractionId } = await spendTask(500_000);
    const approver = await makeUser({ role: "approver", approvalLimitMinor: 750_000 });
    const result = await decide(approver, task.id, {
      action: "edit_and_approve",
      extractionId,
      edits: { totalMinor: "12,34", issueDate: "tomorrow" },
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid:fields",
      fieldErrors: {
        totalMinor: ["Type an amount in EUR, such as 1,234.50."],
        issueDate: ["Type a date as YYYY-MM-DD, such as 2026-03-31."],
      },
    });
    expect((await getTaskById(task.id))?.status).toBe("open");
  });

  it("on four eyes, voids an approval given to values someone then corrected, and refuses decisions on stale fields", async () => {
    const { task, extractionId } = await spendTask(1_500_000);
    const [a, b, c] = [
      await makeUser({ role: "approver", approvalLimitMinor: 5_000_000 }),
      await makeUser({ role: "approver", approvalLimitMinor: 5_000_000 }),
      await makeUser({ role: "approver", approvalLimitMinor: 5_000_000 }),
    ];
    expect(await decide(a, task.id, { action: "approve", extractionId })).toMatchObject({
      ok: true,
      data: { resolved: false },
    });
    expect(
      await decide(b, task.id, { action: "edit_and_approve", extractionId, edits: { totalMinor: "14,000.00" } }),
    ).toMatchObject({ ok: true, data: { resolved: false, correctedOnly: true } });
    expect(await listTaskApprovers(task.id)).toEqual([]);

    // A approved 15,000.00; the task now says 14,000.00, so A must look again.
    expect(await decide(a, task.id, { action: "approve", extractionId })).toEqual({
      ok: false,
      code: "conflict:task",
      message: `The fields changed since you opened this task (${b.email} corrected them). Reload to see them, then decide.`,
    });
    const seen = (await getTaskById(task.id))?.documentId ?? "";
    const current = (await getLatestExtraction(seen))?.id;
    expect(await decide(a, task.id, { action: "approve", extractionId: current })).toMatchObject({
      ok: true,
      data: { resolved: false },
    });
    expect(await decide(c, task.id, { action: "approve", extractionId: current })).toMatchObject({
      ok: true,
      data: { resolved: true },
    });
    expect(await getTaskById(task.id)).toMatchObject({
      status: "resolved",
      action: "approve",
      amountMinor: 1_400_000,
      parameters: {
        changes: [{ field: "totalMinor", proposed: 1_500_000, decided: 1_400_000 }],
        approvers: [a.id, c.id],
      },
    });
  });
});
