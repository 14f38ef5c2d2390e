import { randomBytes } from "node:crypto";
import { listAuditForSubject } from "@/db/queries/audit";
import { createDocument, saveExtraction, setDocumentStatus } from "@/db/queries/documents";
import { getTaskById, openTaskForDocument } from "@/db/queries/tasks";
import { qaReviewReason } from "@/domain/operations/qa-review";
import { makeExtraction } from "@/domain/rules/test-factory";
import { describeTask, taskRole } from "@/domain/tasks/describe";
import { fieldValues } from "@/domain/tasks/edits";
import { expect, test } from "../fixtures";
import { moveToTask } from "../support/inbox";

/** A posted invoice with its QA review open, as sampling leaves it, under a number no other spec uses. */
async function sampledDocument() {
  const number = `QA-${randomBytes(4).toString("hex").toUpperCase()}`;
  const { document } = await createDocument(
    {
      bytes: Buffer.from(`QA sample ${number}`),
      filename: `${number}.txt`,
      kind: "text",
      mediaType: "text/plain",
      source: "upload",
      uploadedBy: null,
    },
    { id: null, label: "e2e" },
  );
  const extraction = makeExtraction({ documentNumber: number, vendorName: "Sampled Supplies Ltd" });
  const extractionId = await saveExtraction(document.id, extraction);
  await setDocumentStatus(document.id, "posted");
  const total = extraction.fields.totalMinor.value ?? 0;
  const { title, description } = describeTask(
    "QA_REVIEW",
    {
      filename: document.filename,
      documentClass: "invoice",
      documentNumber: number,
      vendorName: "Sampled Supplies Ltd",
      totalMinor: total,
      currency: "EUR",
    },
    [],
  );
  const task = await openTaskForDocument({
    documentId: document.id,
    type: "QA_REVIEW",
    title,
    description,
    reasons: [qaReviewReason(0.01)],
    proposed: { findings: [], extractionId, fields: fieldValues(extraction) },
    assignedRole: taskRole.QA_REVIEW,
    amountMinor: total,
    currency: "EUR",
    deadlineAt: new Date(Date.now() + 168 * 3_600_000),
  });
  return { task, total };
}

test("an approver confirms a QA review from the inbox with the a key", async ({ page, signInAs }) => {
  const approver = await signInAs("approver");
  const { task } = await sampledDocument();
  await page.goto("/inbox?type=QA_REVIEW&sort=newest");
  await moveToTask(page, task.title);
  await page.keyboard.press("a");
  await expect(page.getByText(`Confirmed: ${task.title}`, { exact: true })).toBeVisible();
  await expect
    .poll(async () => await getTaskById(task.id))
    .toMatchObject({ status: "resolved", action: "confirm", resolvedBy: approver.id });
});

test("an approver reports a misread total on a QA review; the finding is recorded and the posting stands", async ({
  page,
  signInAs,
}) => {
  const approver = await signInAs("approver");
  const { task, total } = await sampledDocument();
  await page.goto(`/inbox/${task.id}`);
  const decision = page.getByRole("region", { name: "Decision" });
  await expect(decision.getByText("it does not change the posted payable")).toBeVisible();
  await expect(decision.getByRole("button", { name: "Report errors" })).toBeDisabled();
  await page.getByLabel("Total", { exact: true }).fill("30.40");
  await expect(decision.getByRole("button", { name: "Read correctly" })).toBeDisabled();
  await decision.getByRole("button", { name: "Report errors (1 field(s))" }).click();
  await expect(page).toHaveURL(/\/inbox$/);

  const decided = await getTaskById(task.id);
  expect(decided).toMatchObject({ status: "resolved", action: "report_errors", resolvedBy: approver.id });
  expect(decided?.decided).toMatchObject({ totalMinor: 3_040 });
  expect((decided?.parameters as { changes: unknown[] }).changes).toEqual([
    expect.objectContaining({ field: "totalMinor", proposed: total, decided: 3_040 }),
  ]);
  expect((await listAuditForSubject("task", task.id)).map((e) => e.action)).toEqual(
    expect.arrayContaining(["task.fields_edited", "task.report_errors"]),
  );
  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByText("QA review: errors reported (the posted payable is unchanged)")).toBeVisible();
});
