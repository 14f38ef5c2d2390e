import { getTaskById } from "@/db/queries/tasks";
import { isSpending } from "@/domain/tasks/policy";
import { expect, test } from "../fixtures";
import { documentNumber, uniqueSeller, usInvoiceText } from "../factories/invoices";
import { makeUser } from "../factories/users";
import { LoginPage } from "../pages/login-page";
import { confirmSpend, moveToTask } from "../support/inbox";
import { expectNoReload, followLive } from "../support/live";
import { nextStep } from "../support/tasks";
import { uploadUntilTask } from "../support/upload";

test("the uploader's document page turns Posted when someone else approves in the inbox, without a reload", async ({
  page,
  signInAs,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAs("operator");
  const number = documentNumber("INV-LIVE");
  const documentId = await uploadUntilTask(page, `${number}.txt`, usInvoiceText({ number, seller: uniqueSeller() }));
  // A task is open: the page no longer polls, so only a push can bring the news.
  await followLive(page);

  const admin = await makeUser({ role: "admin", approvalLimitMinor: 5_000_000, approvalCurrency: "USD" });
  const { page: work, context } = await LoginPage.inNewContext(browser, admin);
  for (;;) {
    const next = await nextStep(documentId);
    if (next === "posted") break;
    if (next.type === "CONFIRM_NEW_VENDOR") {
      await work.goto(`/inbox/${next.id}`);
      await work
        .getByRole("region", { name: "New vendor" })
        .getByRole("button", { name: "Create vendor and continue" })
        .click();
    } else {
      await work.goto(`/inbox?type=${next.type}&sort=newest`);
      await moveToTask(work, next.title);
      await work.keyboard.press("a");
      if (isSpending(next.type)) await confirmSpend(work, next.title);
    }
    await expect.poll(async () => (await getTaskById(next.id))?.status).toBe("resolved");
  }
  await context.close();

  await expect(page.getByText("Posted", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("chose approve");
  await expectNoReload(page);
});
