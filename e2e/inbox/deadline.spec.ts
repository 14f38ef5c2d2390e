import { getDocumentById } from "@/db/queries/documents";
import { listOutboxEmails } from "@/db/queries/ledger";
import { getTaskById, listTasksForDocument } from "@/db/queries/tasks";
import type { Task } from "@/db/schema";
import { expect, test } from "../fixtures";
import { documentNumber } from "../factories/invoices";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { uploadUntilTask } from "../support/upload";

// The e2e server runs with KEEL_DEADLINE_SCALE=0.0014 (playwright's global setup): a 24-hour review deadline is two
// minutes, its escalation comes at three quarters of that.
test("nobody reviews in time: the task escalates to approvers, appears in their inbox without a reload, then expires to the safe default", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(240_000);
  await signInAs("operator");
  const number = documentNumber("INV-LATE");
  const text = [
    "Late Supplies Ltd",
    "INVOICE",
    `Invoice #: ${number}`,
    "Invoice Date: 03/04/2025",
    "Subtotal: $510.00",
    "Sales Tax (8.25%): $42.08",
    "Total Due: $600.00",
  ].join("\n");
  const documentId = await uploadUntilTask(page, `${number}.txt`, text);
  const [task] = await listTasksForDocument(documentId);
  if (!task) throw new Error("no task");
  expect(task).toMatchObject({ type: "REVIEW_EXTRACTION", assignedRole: "operator" });
  expect(task.deadlineAt.getTime() - task.createdAt.getTime()).toBeLessThan(150_000);

  const approver = await makeUser({ role: "approver" });
  const { page: inbox, context } = await LoginPage.inNewContext(browser, approver);
  await inbox.goto("/inbox?type=REVIEW_EXTRACTION&sort=newest");
  const row = inbox.getByRole("link", { name: task.title });
  await expect(row).toHaveCount(0);
  // No reload from here: the inbox updates itself when the escalation lands.
  await expect(row).toBeVisible({ timeout: 150_000 });
  expect((await getTaskById(task.id))?.assignedRole).toBe("approver");
  const escalated = (await listOutboxEmails(1000)).filter(
    (e) => e.documentId === documentId && e.subject.startsWith("Escalated to you:"),
  );
  expect(escalated.map((e) => e.to)).toContain(approver.email);
  await context.close();

  let expired: Task | undefined;
  await expect.poll(async () => (expired = await getTaskById(task.id))?.status, { timeout: 90_000 }).toBe("expired");
  expect(expired?.parameters).toMatchObject({
    reason: "No decision before the deadline; Keel does not post without one.",
  });
  await expect.poll(async () => (await getDocumentById(documentId))?.status, { timeout: 30_000 }).toBe("rejected");
  await page.reload();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
    "Deadline passed without a decision: not posted",
  );
});
