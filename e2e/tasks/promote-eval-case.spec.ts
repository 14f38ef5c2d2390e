import { saveDocumentText } from "@/db/queries/documents";
import { getEvalCaseForDocument } from "@/db/queries/eval-cases";
import { getTaskById } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { makeReviewTask, makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

const promote = { name: "Promote to eval case" } as const;

/** A review task on a stored invoice with text, whose total a reviewer corrected from 5,000.00 to 5,100.00. */
async function correctedReviewTask() {
  const { decide } = await import("@/services/tasks/decide");
  const reviewer = await makeUser({ role: "operator" });
  const { document, task, extractionId } = await makeReviewTask();
  await saveDocumentText(document.id, {
    source: "text",
    warnings: [],
    pages: [{ page: 1, text: `Invoice ${document.filename}\nTotal EUR 5,100.00`, spans: [] }],
  });
  const decided = await decide(reviewer, task.id, {
    action: "edit_and_approve",
    extractionId,
    edits: { totalMinor: "5,100.00" },
  });
  expect(decided).toMatchObject({ ok: true, data: { resolved: true } });
  return { task, documentId: document.id };
}

test("an admin promotes a corrected task's document to an eval case, and the task then says since when and by whom", async ({
  page,
}) => {
  const admin = await makeUser({ role: "admin" });
  const { task, documentId } = await correctedReviewTask();
  await new LoginPage(page).signInAs(admin);

  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByRole("region", { name: "Decision record" })).toContainText("Approved with corrections");
  await page.getByRole("button", promote).click();

  await expect(page.getByText(/^Eval case since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC by /)).toContainText(admin.name);
  await expect(page.getByRole("button", promote)).toHaveCount(0);
  const stored = await getEvalCaseForDocument(documentId);
  expect(stored).toMatchObject({ id: `promoted-${documentId}`, taskId: task.id, promotedByEmail: admin.email });
  expect(stored?.expected).toMatchObject({ totalMinor: "510000", currency: "EUR" });

  await page.reload();
  await expect(page.getByText(/^Eval case since .* by /)).toContainText(admin.name);
});

test("an approver sees no control to promote a decided task, where an admin does", async ({ page, browser }) => {
  const { decide } = await import("@/services/tasks/decide");
  const decider = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const admin = await makeUser({ role: "admin" });
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 12_300 });
  expect(await decide(decider, task.id, { action: "approve" })).toMatchObject({ ok: true });
  await expect.poll(async () => (await getTaskById(task.id))?.status).toBe("resolved");

  await new LoginPage(page).signInAs(approver);
  await page.goto(`/inbox/${task.id}`);
  await expect(page.getByRole("region", { name: "Decision record" })).toContainText("Approved");
  await expect(page.getByRole("button", promote)).toHaveCount(0);

  const asAdmin = await LoginPage.inNewContext(browser, admin);
  await asAdmin.page.goto(`/inbox/${task.id}`);
  await expect(asAdmin.page.getByRole("region", { name: "Decision record" })).toContainText("Approved");
  await expect(asAdmin.page.getByRole("button", promote)).toBeVisible();
  await asAdmin.context.close();
});
