import { listTasksForDocument } from "@/db/queries/tasks";
import { expect, test } from "../fixtures";
import { documentNumber, uniqueSeller, usInvoiceText } from "../factories/invoices";
import { makeTask } from "../factories/tasks";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { moveToTask } from "../support/inbox";
import { expectNoReload, followLive } from "../support/live";
import { uploadUntilTask } from "../support/upload";

test("a task someone's upload opens appears in an open inbox without a reload, and the selection stays on the task it was on", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(60_000);
  await signInAs("admin");
  const { task: held } = await makeTask({ type: "APPROVE_SPEND", amountMinor: 10_000 });
  await page.goto("/inbox?sort=newest");
  await followLive(page);
  // Someone is working the list: their selection must stay on the task they moved to when a new one lands above it.
  await moveToTask(page, held.title);

  const operator = await makeUser({ role: "operator" });
  const { page: uploading, context } = await LoginPage.inNewContext(browser, operator);
  const number = documentNumber("INV-LIVE-TASK");
  const documentId = await uploadUntilTask(
    uploading,
    `${number}.txt`,
    usInvoiceText({ number, seller: uniqueSeller() }),
  );
  await context.close();
  const [task] = await listTasksForDocument(documentId);
  if (!task) throw new Error("no task");

  // The inbox polls only while its push connection is down, and then every 5 s: well inside this wait either way,
  // so the connection state is checked too.
  await expect(page.getByRole("table", { name: "Tasks" }).getByRole("row").filter({ hasText: task.title })).toHaveCount(
    1,
    { timeout: 10_000 },
  );
  await expect(page.locator('[data-live-updates="connected"]')).toHaveCount(1);
  const rows = page.getByRole("table", { name: "Tasks" }).getByRole("row");
  await expect(rows.filter({ hasText: held.title })).toHaveAttribute("aria-selected", "true");
  await expect(rows.filter({ hasText: task.title })).toHaveAttribute("aria-selected", "false");
  await expectNoReload(page);
});
