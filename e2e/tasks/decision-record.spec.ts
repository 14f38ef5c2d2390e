import type { Page } from "@playwright/test";
import { issueActionTokens } from "@/db/queries/action-tokens";
import { getTaskById } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { makeReviewTask, makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

const record = (page: Page) => page.getByRole("region", { name: "Decision record" });

async function resolved(taskId: string) {
  await expect.poll(async () => (await getTaskById(taskId))?.status).toBe("resolved");
}

test("after an approval and a rejection, each task page says who decided, when, what, and why", async ({ page }) => {
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const approved = (await makeTask({ type: "APPROVE_SPEND", amountMinor: 12_300 })).task;
  const rejected = (await makeTask({ type: "APPROVE_SPEND", amountMinor: 45_600 })).task;
  await new LoginPage(page).signInAs(approver);

  await page.goto(`/inbox/${approved.id}`);
  await expect(record(page)).toHaveCount(0);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await resolved(approved.id);
  await page.goto(`/inbox/${approved.id}`);
  await expect(record(page)).toContainText("Approved");
  await expect(record(page)).toContainText(`${approver.name} (${approver.email})`);
  await expect(record(page)).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  await page.goto(`/inbox/${rejected.id}`);
  await page.getByLabel("Reason for rejecting").fill("Not our order: no PO on file");
  await page.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await resolved(rejected.id);
  await page.goto(`/inbox/${rejected.id}`);
  await expect(record(page)).toContainText("Rejected");
  await expect(record(page)).toContainText("Not our order: no PO on file");
  await expect(record(page)).toContainText(approver.email);
});

test("a four-eyes approval lists both approvers, one by one, in the order they approved", async ({ browser }) => {
  const [first, second] = [
    await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 }),
    await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 }),
  ];
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 2_000_000 });
  const one = await LoginPage.inNewContext(browser, first);
  const two = await LoginPage.inNewContext(browser, second);

  await one.page.goto(`/inbox/${task.id}`);
  await one.page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(one.page.getByText("Approved so far: 1.")).toBeVisible();
  await expect(record(one.page)).toHaveCount(0);

  await two.page.goto(`/inbox/${task.id}`);
  await two.page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(two.page).toHaveURL(/\/inbox$/);
  await resolved(task.id);
  await two.page.goto(`/inbox/${task.id}`);
  await expect(record(two.page)).toContainText(`${second.name} (${second.email})`);
  const approvals = record(two.page).getByRole("list", { name: "Approvals" }).getByRole("listitem");
  await expect(approvals).toHaveCount(2);
  await expect(approvals.nth(0)).toContainText(first.email);
  await expect(approvals.nth(1)).toContainText(second.email);
  await one.context.close();
  await two.context.close();
});

test("corrected fields show on the task from what to what, and on the document's timeline by name", async ({
  page,
}) => {
  const { decide } = await import("@/services/tasks/decide");
  const admin = await makeUser({ role: "admin", approvalLimitMinor: 10_000_000 });
  const { document, task, extractionId } = await makeReviewTask();
  expect(
    await decide(admin, task.id, { action: "edit_and_approve", extractionId, edits: { totalMinor: "5,100.00" } }),
  ).toMatchObject({ ok: true, data: { resolved: true } });

  await new LoginPage(page).signInAs(admin);
  await page.goto(`/inbox/${task.id}`);
  await expect(record(page)).toContainText("Approved with corrections");
  const total = record(page).getByRole("row").filter({ hasText: "total" });
  await expect(total).toContainText("€5,000.00");
  await expect(total).toContainText("€5,100.00");

  await page.goto(`/documents/${document.id}`);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(
    `${admin.email} corrected total: €5,000.00 → €5,100.00`,
  );
});

test("a decision made from an emailed link names the link, whose it was and when it was used", async ({ page }) => {
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const admin = await makeUser({ role: "admin" });
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 33_300 });
  const { reject } = await issueActionTokens(task.id, approver.id, ["approve", "reject"], task.deadlineAt);

  await page.goto(`/t/${reject ?? ""}`);
  await page.getByLabel("Reason for rejecting").fill("Duplicate of last week's invoice");
  await page.getByRole("button", { name: "Confirm: reject" }).click();
  await expect(page.getByRole("status")).toHaveText("Rejected. Thank you.");

  await new LoginPage(page).signInAs(admin);
  await page.goto(`/inbox/${task.id}`);
  await expect(record(page)).toContainText("Duplicate of last week's invoice");
  await expect(record(page)).toContainText(`reject link emailed to ${approver.name} (${approver.email}), used`);
});
