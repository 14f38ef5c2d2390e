import { expect, test } from "../fixtures";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";

test("without SMTP, a task's emails wait in the mailbox, where an admin reads them with their links redacted", async ({
  page,
}) => {
  const { emailTaskLinks } = await import("@/services/tasks/task-emails");
  const approver = await makeUser({ role: "approver", approvalLimitMinor: 10_000_000 });
  const { task } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 12_300 });
  expect(await emailTaskLinks(task)).toBeGreaterThan(0);

  await new LoginPage(page).signInAs(await makeUser({ role: "admin" }));
  await page.goto("/settings/mailbox");
  await expect(
    page.getByText("No SMTP server is configured (SMTP_URL), so emails are kept here, queued, and not sent."),
  ).toBeVisible();
  // Other specs' tasks may mail this approver too, as they mail every approver: pick this task's email.
  const email = page
    .getByRole("listitem")
    .filter({ hasText: `To ${approver.email}` })
    .filter({ hasText: `Decision needed: ${task.title}` });
  await expect(email).toContainText(`Decision needed: ${task.title}`);
  await expect(email).toContainText("queued");
  // A link acts for its recipient alone, so the mailbox says where it went and shows nothing anyone could follow.
  await expect(email).toContainText(`Approve: [approve link — sent to ${approver.email}, not shown]`);
  await expect(email).toContainText(`[reject link — sent to ${approver.email}, not shown]`);
  expect(await page.content()).not.toMatch(/\/t\/[A-Za-z0-9_-]{20,}/);
});
